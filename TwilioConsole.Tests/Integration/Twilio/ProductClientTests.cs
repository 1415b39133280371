using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Twilio;

/// <summary>The exact requests the product clients send, and paging in both of Twilio's styles, against a fake Twilio.</summary>
[Trait("Lane", "Integration")]
public sealed class ProductClientTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var saved = await _app.Services.GetRequiredService<SettingsService>().SaveAsync(
            new SettingsForm { Mode = ConsoleMode.Twilio, AccountSid = Sids.Account(), AuthToken = Sids.AuthToken() }, "test", CancellationToken.None);
        Assert.True(saved.Succeeded);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task V1Paging_FollowsNextPageUrl_OnOurOwnHost()
    {
        var ws = Sids.Workspace();
        _app.Twilio
            .Respond(HttpMethod.Get, $"/v1/Workspaces/{ws}/TaskQueues", HttpStatusCode.OK, $$"""
                {"task_queues": [{"sid": "{{Sids.Make("WQ", 1)}}", "friendly_name": "Support", "target_workers": "1==1", "task_order": "FIFO", "max_reserved_workers": 1}],
                 "meta": {"next_page_url": "https://taskrouter.twilio.com/v1/Workspaces/{{ws}}/TaskQueues?PageSize=1&PageToken=PT1", "key": "task_queues"} }
                """)
            .Respond(HttpMethod.Get, $"/v1/Workspaces/{ws}/TaskQueues", HttpStatusCode.OK, $$"""
                {"task_queues": [{"sid": "{{Sids.Make("WQ", 2)}}", "friendly_name": "Troubleshooting", "target_workers": "1==1", "task_order": "FIFO", "max_reserved_workers": 1}],
                 "meta": {"next_page_url": null, "key": "task_queues"} }
                """);

        var queues = await _app.Services.GetRequiredService<ITaskRouterApi>().ListTaskQueuesAsync(ws, Ct).ToListAsync(Ct);

        Assert.Equal(["Support", "Troubleshooting"], queues.Select(q => q.FriendlyName));
        Assert.Equal($"/v1/Workspaces/{ws}/TaskQueues?PageSize=1&PageToken=PT1", _app.Twilio.Requests[1].PathAndQuery);
    }

    [Fact]
    public async Task Api2010Paging_FollowsRelativeNextPageUri()
    {
        var path = $"/2010-04-01/Accounts/{Sids.Account()}/IncomingPhoneNumbers.json";
        _app.Twilio
            .Respond(HttpMethod.Get, path, HttpStatusCode.OK, $$"""
                {"incoming_phone_numbers": [{"sid": "{{Sids.Make("PN", 1)}}", "phone_number": "+15005550006"}], "next_page_uri": "{{path}}?PageSize=1&Page=1&PageToken=PA1"}
                """)
            .Respond(HttpMethod.Get, path, HttpStatusCode.OK, $$"""
                {"incoming_phone_numbers": [{"sid": "{{Sids.Make("PN", 2)}}", "phone_number": "+15005550007"}], "next_page_uri": null}
                """);

        var numbers = await _app.Services.GetRequiredService<IMessagingApi>().ListIncomingPhoneNumbersAsync(Ct).ToListAsync(Ct);

        Assert.Equal(["+15005550006", "+15005550007"], numbers.Select(n => n.PhoneNumber));
        Assert.Equal(new Uri($"https://api.twilio.com{path}?PageSize=1&Page=1&PageToken=PA1"), _app.Twilio.Requests[1].Uri);
    }

    [Fact]
    public async Task CreateMessage_PostsTheExactForm()
    {
        var path = $"/2010-04-01/Accounts/{Sids.Account()}/Messages.json";
        _app.Twilio.Respond(HttpMethod.Post, path, HttpStatusCode.Created, $$"""
            {"sid": "{{Sids.Make("SM", 1)}}", "to": "+15558675310", "from": "+15017122661", "body": "Thanks", "status": "queued",
             "num_segments": "1", "price": null, "error_code": null, "date_created": "Thu, 24 Aug 2023 05:01:45 +0000"}
            """);

        var message = await _app.Services.GetRequiredService<IMessagingApi>().CreateMessageAsync(
            new MessageCreate("+15558675310", "Thanks", From: "+15017122661", StatusCallback: new Uri("https://console.example.com/webhooks/messaging/status")), Ct);

        Assert.Equal("queued", message.Status);
        Assert.Equal(1, message.NumSegments);
        var request = Assert.Single(_app.Twilio.Requests);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal([new("To", "+15558675310"), new("From", "+15017122661"), new("Body", "Thanks"),
            new("StatusCallback", "https://console.example.com/webhooks/messaging/status")], request.Form);
    }

    [Fact]
    public async Task CreateFunctionVersion_UploadsMultipartToTheUploadHost()
    {
        var (zs, zh) = (Sids.Make("ZS", 1), Sids.Make("ZH", 1));
        _app.Twilio.Respond(HttpMethod.Post, $"/v1/Services/{zs}/Functions/{zh}/Versions", HttpStatusCode.Created,
            $$"""{"sid": "{{Sids.Make("ZN", 1)}}", "path": "/send-sms", "visibility": "protected"}""");

        var version = await _app.Services.GetRequiredService<IServerlessApi>()
            .CreateFunctionVersionAsync(zs, zh, "/send-sms", "protected", "exports.handler = () => {};", Ct);

        Assert.Equal("protected", version.Visibility);
        var request = Assert.Single(_app.Twilio.Requests);
        Assert.Equal("serverless-upload.twilio.com", request.Uri.Host);
        Assert.Equal("multipart/form-data", request.ContentType);
        Assert.Contains("name=Path", request.Body, StringComparison.Ordinal);
        Assert.Contains("/send-sms", request.Body, StringComparison.Ordinal);
        Assert.Contains("exports.handler", request.Body, StringComparison.Ordinal);
        Assert.Contains("application/javascript", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateBuild_RepeatsFunctionVersionsKey()
    {
        var zs = Sids.Make("ZS", 1);
        _app.Twilio.Respond(HttpMethod.Post, $"/v1/Services/{zs}/Builds", HttpStatusCode.Created, $$"""{"sid": "{{Sids.Make("ZB", 1)}}", "status": "building"}""");

        await _app.Services.GetRequiredService<IServerlessApi>().CreateBuildAsync(zs, ["ZN1", "ZN2"], [], [new("twilio", "5.3.0")], "node22", Ct);

        var form = Assert.Single(_app.Twilio.Requests).Form;
        Assert.Equal(["ZN1", "ZN2"], form.Where(f => f.Key == "FunctionVersions").Select(f => f.Value));
        Assert.Equal("""[{"name":"twilio","version":"5.3.0"}]""", form.Single(f => f.Key == "Dependencies").Value);
    }

    [Fact]
    public async Task UpdateWorkspace_SendsOnlyTheGivenFields()
    {
        var ws = Sids.Workspace();
        _app.Twilio.Respond(HttpMethod.Post, $"/v1/Workspaces/{ws}", HttpStatusCode.OK,
            $$"""{"sid": "{{ws}}", "friendly_name": "Flex", "event_callback_url": "https://x/e", "events_filter": "task.wrapup", "multi_task_enabled": true}""");

        await _app.Services.GetRequiredService<ITaskRouterApi>().UpdateWorkspaceAsync(ws, new WorkspaceUpdate("https://x/e", "task.wrapup"), Ct);

        Assert.Equal([new("EventCallbackUrl", "https://x/e"), new("EventsFilter", "task.wrapup")], Assert.Single(_app.Twilio.Requests).Form);
    }
}
