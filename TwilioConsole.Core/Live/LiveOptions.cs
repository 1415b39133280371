using System.ComponentModel.DataAnnotations;

namespace TwilioConsole.Core.Live;

/// <summary>Bound from <c>TwilioConsole:Live</c>.</summary>
public sealed class LiveOptions
{
    public const string Section = "TwilioConsole:Live";

    /// <summary>How long board events are kept (the 7-day charts need 7); older ones are pruned in the background.</summary>
    [Range(7, 3650)] public int RetentionDays { get; set; } = 30;

    /// <summary>Service level: the share of calls answered within this many seconds.</summary>
    [Range(1, 3600)] public int ServiceLevelSeconds { get; set; } = 20;

    /// <summary>
    /// Whether each instance checks TaskRouter at all (queues' members, activities, waiting counts). Off, the board relies
    /// on events alone and makes no TaskRouter request (for accounts near their rate limits, or test lanes that count requests).
    /// </summary>
    public bool Reconcile { get; set; } = true;

    /// <summary>How often each instance checks TaskRouter's real-time statistics to correct drift.</summary>
    [Range(5, 3600)] public int ReconcileSeconds { get; set; } = 60;

    /// <summary>How often each instance looks for events another instance stored (its own wake it at once).</summary>
    [Range(50, 10_000)] public int PollMilliseconds { get; set; } = 250;
}
