using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Routing;

public sealed record WorkerView(string Sid, string FriendlyName, string? Activity, bool Available, IReadOnlyList<string> Skills, string Attributes);

public sealed record WorkerSkillsResult(bool Succeeded, string Message, WorkerView? Worker);

/// <summary>The workspace's workers with their activity and skills, and a safe skills editor (read, merge, write; audited).</summary>
public sealed class RoutingWorkers(ITwilioGateway gateway, AuditLog audit)
{
    public async Task<IReadOnlyList<WorkerView>> ListAsync(CancellationToken ct)
    {
        var twilio = await gateway.CurrentAsync(ct);
        if (twilio.WorkspaceSid is null)
        {
            return [];
        }

        var workers = await twilio.TaskRouter.ListWorkersAsync(twilio.WorkspaceSid, ct).ToListAsync(ct);
        return [.. workers.Select(View).OrderBy(w => w.FriendlyName, StringComparer.CurrentCulture)];
    }

    /// <summary>The raw workers, for the routing tester.</summary>
    public async Task<IReadOnlyList<Worker>> ListRawAsync(CancellationToken ct)
    {
        var twilio = await gateway.CurrentAsync(ct);
        return twilio.WorkspaceSid is null ? [] : await twilio.TaskRouter.ListWorkersAsync(twilio.WorkspaceSid, ct).ToListAsync(ct);
    }

    /// <summary>
    /// Sets which managed skills the worker has. Reads the worker's attributes fresh just before writing, so a change
    /// made elsewhere in the meantime (another key, another skill) is kept.
    /// </summary>
    public async Task<WorkerSkillsResult> SetSkillsAsync(string workerSid, IReadOnlyDictionary<string, bool> skills, string actor, CancellationToken ct)
    {
        var twilio = await gateway.CurrentAsync(ct);
        if (twilio.WorkspaceSid is null)
        {
            return new(false, TwilioProducts.NoWorkspace, null);
        }

        var unknown = skills.Keys.Except(WorkerSkills.Managed, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return new(false, $"Only these skills are edited here: {string.Join(", ", WorkerSkills.Managed)} (not {string.Join(", ", unknown)}).", null);
        }

        var summary = string.Join(", ", skills.Select(s => $"{s.Key} {(s.Value ? "on" : "off")}"));
        WorkerSkillsResult result;
        try
        {
            var current = await twilio.TaskRouter.FetchWorkerAsync(twilio.WorkspaceSid, workerSid, ct);
            var merged = WorkerSkills.Merge(current.Attributes, skills);
            var updated = await twilio.TaskRouter.UpdateWorkerAsync(twilio.WorkspaceSid, workerSid, new WorkerWrite(Attributes: merged), ct);
            result = new(true, $"{updated.FriendlyName} now has skills: {Describe(WorkerSkills.Read(updated.Attributes))}.", View(updated));
        }
        catch (FormatException e)
        {
            result = new(false, e.Message, null);
        }
        catch (TwilioApiException e)
        {
            result = new(false, $"Twilio refused: {e.TwilioMessage}", null);
        }

        await audit.RecordAsync(actor, "routing.worker-skills", workerSid, summary, result.Succeeded, result.Succeeded ? null : result.Message, ct);
        return result;
    }

    private static string Describe(IReadOnlyList<string> skills) => skills.Count == 0 ? "none" : string.Join(", ", skills);

    private static WorkerView View(Worker w) => new(w.Sid, w.FriendlyName, w.ActivityName, w.Available, WorkerSkills.Read(w.Attributes), w.Attributes);
}
