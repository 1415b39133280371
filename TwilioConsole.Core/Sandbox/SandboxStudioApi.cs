using System.Text.Json;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Sandbox;

/// <summary>Studio flows in the Sandbox: each create or update is a new revision, as in Studio.</summary>
internal sealed class SandboxStudioApi(SandboxStore store) : IStudioApi
{
    private const string Flow = "studio.flow";
    private const string Revision = "studio.revision";

    public async Task<StudioFlow> CreateFlowAsync(FlowWrite flow, CancellationToken ct)
    {
        var definition = Validate(flow);
        var sid = SandboxStore.NewSid("FW");
        var now = store.Clock.GetUtcNow();
        var record = new StudioFlow(sid, flow.FriendlyName, definition, flow.Status, 1, flow.CommitMessage, true,
            new Uri($"https://webhooks.twilio.com/v1/Accounts/{SandboxAccount.AccountSid}/Flows/{sid}"), now, null);
        await store.AddAsync(Flow, null, sid, record, ct);
        await store.AddAsync(Revision, sid, $"{sid}/1", record, ct);
        return record;
    }

    public async Task<StudioFlow> UpdateFlowAsync(string flowSid, FlowWrite flow, CancellationToken ct)
    {
        var definition = Validate(flow);
        var updated = await store.UpdateAsync<StudioFlow>(Flow, flowSid, current => current with
        {
            FriendlyName = flow.FriendlyName,
            Definition = definition,
            Status = flow.Status,
            CommitMessage = flow.CommitMessage,
            Revision = current.Revision + 1,
            DateUpdated = store.Clock.GetUtcNow(),
        }, ct);
        await store.AddAsync(Revision, flowSid, $"{flowSid}/{updated.Revision}", updated, ct);
        return updated;
    }

    public Task<StudioFlow> FetchFlowAsync(string flowSid, CancellationToken ct) => store.GetAsync<StudioFlow>(Flow, flowSid, ct);

    public async IAsyncEnumerable<StudioFlow> ListFlowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var flow in await store.ListAsync<StudioFlow>(Flow, null, ct))
        {
            yield return flow with { Definition = null, Valid = null }; // as the list endpoint answers
        }
    }

    public Task<FlowValidation> ValidateFlowAsync(FlowWrite flow, CancellationToken ct)
    {
        Validate(flow);
        return Task.FromResult(new FlowValidation(true));
    }

    public async IAsyncEnumerable<StudioFlow> ListRevisionsAsync(string flowSid, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await store.GetAsync<StudioFlow>(Flow, flowSid, ct);
        foreach (var revision in (await store.ListAsync<StudioFlow>(Revision, flowSid, ct)).Reverse())
        {
            yield return revision;
        }
    }

    /// <summary>What Studio checks before it stores a flow: a known status and a definition with states and an initial state.</summary>
    private static JsonElement Validate(FlowWrite flow)
    {
        if (string.IsNullOrWhiteSpace(flow.FriendlyName))
        {
            throw SandboxStore.BadRequest(20001, "Missing required parameter FriendlyName in the post body");
        }

        if (flow.Status is not ("draft" or "published"))
        {
            throw SandboxStore.BadRequest(20001, $"Status must be draft or published, not '{flow.Status}'");
        }

        JsonElement definition;
        try
        {
            definition = JsonDocument.Parse(flow.Definition).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw SandboxStore.BadRequest(20001, $"Invalid Flow definition: not JSON ({e.Message})");
        }

        if (definition.ValueKind != JsonValueKind.Object ||
            !definition.TryGetProperty("states", out var states) || states.ValueKind != JsonValueKind.Array ||
            !definition.TryGetProperty("initial_state", out var initial) || initial.ValueKind != JsonValueKind.String)
        {
            throw SandboxStore.BadRequest(20001, "Invalid Flow definition: it needs a 'states' list and an 'initial_state'");
        }

        var names = states.EnumerateArray().Select(s => s.TryGetProperty("name", out var n) ? n.GetString() : null).ToHashSet();
        if (!names.Contains(initial.GetString()))
        {
            throw SandboxStore.BadRequest(20001, $"Invalid Flow definition: initial_state '{initial.GetString()}' is not a state");
        }

        foreach (var state in states.EnumerateArray())
        {
            if (!state.TryGetProperty("transitions", out var transitions) || transitions.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var next in transitions.EnumerateArray())
            {
                if (next.TryGetProperty("next", out var target) && target.ValueKind == JsonValueKind.String && !names.Contains(target.GetString()))
                {
                    throw SandboxStore.BadRequest(20001, $"Invalid Flow definition: a transition leads to unknown state '{target.GetString()}'");
                }
            }
        }

        return definition;
    }
}
