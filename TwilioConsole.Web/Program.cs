using TwilioConsole.Core;
using TwilioConsole.Web.Api;
using TwilioConsole.Web.Hosting;
using TwilioConsole.Web.Identity;
using TwilioConsole.Web.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.AddTwilioConsoleCore();   // data, settings, audit, users
builder.AddConsoleIdentity();     // Identity on the Core database, cookie sign-in, roles
builder.AddConsoleUi();           // Razor components, MudBlazor
builder.AddWebhooks();            // Twilio webhooks behind one gate: POST, size, signature, account
builder.AddConsoleRateLimits();   // per-client limits on webhooks and sign-in
builder.AddReverseProxySupport(); // forwarded headers from trusted proxies, HSTS
builder.AddOperations();          // /health with background loops, /metrics (OpenTelemetry), host survives loop faults
builder.AddDiagnostics();         // live-circuit count for the benchmarks' heap endpoint

var app = builder.Build();
app.UseConsolePipeline();         // forwarded headers, errors, HSTS, first-run redirect, auth, antiforgery
app.MapOperations();              // /health, /metrics (Admin or bearer token)
app.MapConsoleUi();               // pages, Identity endpoints
app.MapConsoleApi();              // signed-in JSON/CSV endpoints under /api
app.MapWebhooks();                // /webhooks/*, short-circuited after routing
app.MapBareEndpointWhenAsked();   // the benchmarks' baseline and heap endpoints, only when configured
app.Run();
