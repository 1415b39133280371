using TwilioConsole.Core;
using TwilioConsole.Web.Api;
using TwilioConsole.Web.Hosting;
using TwilioConsole.Web.Identity;
using TwilioConsole.Web.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.AddTwilioConsoleCore();   // data, settings, audit, users
builder.AddConsoleIdentity();     // Identity on the Core database, cookie sign-in, roles
builder.AddConsoleUi();           // Razor components, MudBlazor, health checks
builder.AddWebhooks();            // Twilio webhook controllers behind the signature filter
builder.AddConsoleRateLimits();   // per-client limits on webhooks and sign-in
builder.AddReverseProxySupport(); // forwarded headers from trusted proxies, HSTS

var app = builder.Build();
app.UseConsolePipeline();         // forwarded headers, errors, HSTS, first-run redirect, auth, antiforgery
app.MapConsoleUi();               // pages, Identity endpoints, /health
app.MapConsoleApi();              // signed-in JSON/CSV endpoints under /api
app.MapControllers();             // /webhooks/*
app.MapBareEndpointWhenAsked();   // the load benchmark's baseline, only when configured
app.Run();
