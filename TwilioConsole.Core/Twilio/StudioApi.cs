using System.Text.Json;

namespace TwilioConsole.Core.Twilio;

/// <summary>What to send when creating, updating or validating a Studio flow. <c>Definition</c> is JSON text.</summary>
public sealed record FlowWrite(string FriendlyName, string Status, string Definition, string? CommitMessage = null);

public sealed record StudioFlow(
    string Sid,
    string FriendlyName,
    JsonElement? Definition,
    string Status,
    int Revision,
    string? CommitMessage,
    bool? Valid,
    Uri? WebhookUrl,
    DateTimeOffset DateCreated,
    DateTimeOffset? DateUpdated);

public sealed record FlowValidation(bool Valid);

/// <summary>Studio v2 flows: create, update (a new revision), fetch, list, validate, revisions.</summary>
public interface IStudioApi
{
    Task<StudioFlow> CreateFlowAsync(FlowWrite flow, CancellationToken ct);
    Task<StudioFlow> UpdateFlowAsync(string flowSid, FlowWrite flow, CancellationToken ct);
    Task<StudioFlow> FetchFlowAsync(string flowSid, CancellationToken ct);
    IAsyncEnumerable<StudioFlow> ListFlowsAsync(CancellationToken ct);
    Task<FlowValidation> ValidateFlowAsync(FlowWrite flow, CancellationToken ct);
    IAsyncEnumerable<StudioFlow> ListRevisionsAsync(string flowSid, CancellationToken ct);
}

internal sealed class StudioApi(HttpClient http) : IStudioApi
{
    public Task<StudioFlow> CreateFlowAsync(FlowWrite flow, CancellationToken ct) =>
        http.PostTwilioAsync<StudioFlow>("v2/Flows", Form(flow), ct);

    public Task<StudioFlow> UpdateFlowAsync(string flowSid, FlowWrite flow, CancellationToken ct) =>
        http.PostTwilioAsync<StudioFlow>($"v2/Flows/{Esc(flowSid)}", Form(flow), ct);

    public Task<StudioFlow> FetchFlowAsync(string flowSid, CancellationToken ct) =>
        http.GetTwilioAsync<StudioFlow>($"v2/Flows/{Esc(flowSid)}", ct);

    public IAsyncEnumerable<StudioFlow> ListFlowsAsync(CancellationToken ct) =>
        http.PagesAsync<StudioFlow>("v2/Flows?PageSize=50", "flows", ct);

    public Task<FlowValidation> ValidateFlowAsync(FlowWrite flow, CancellationToken ct) =>
        http.PostTwilioAsync<FlowValidation>("v2/Flows/Validate", Form(flow), ct);

    public IAsyncEnumerable<StudioFlow> ListRevisionsAsync(string flowSid, CancellationToken ct) =>
        http.PagesAsync<StudioFlow>($"v2/Flows/{Esc(flowSid)}/Revisions?PageSize=50", "revisions", ct);

    private static TwilioForm Form(FlowWrite flow) => new TwilioForm()
        .Add("FriendlyName", flow.FriendlyName)
        .Add("Status", flow.Status)
        .Add("Definition", flow.Definition)
        .Add("CommitMessage", flow.CommitMessage);

    private static string Esc(string value) => Uri.EscapeDataString(value);
}
