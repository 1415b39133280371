using TwilioConsole.Core.Ivr;

namespace TwilioConsole.Core.Sandbox;

public enum SandboxCallState
{
    /// <summary>The caller is in the IVR.</summary>
    InIvr,

    /// <summary>The task waits in its queue for an available agent.</summary>
    Queued,

    /// <summary>An agent accepted the task; caller and agent are talking.</summary>
    Talking,

    /// <summary>The call ended; the agent's task is in wrap-up until they (or auto-wrap-up) complete it.</summary>
    WrappingUp,

    Ended,
}

public enum TimelineKind
{
    Call,
    Ivr,
    Task,
    Agent,
    HangUp,
    Text,

    /// <summary>The thank-you text reached the phone: good news, shown as such.</summary>
    Delivered,
    Problem,
}

public sealed record TimelineEntry(DateTimeOffset At, TimelineKind Kind, string Text);

/// <summary>One simulated inbound call and everything that happened to it, in order. Owned by the page that placed it.</summary>
public sealed class SandboxCall
{
    private readonly List<TimelineEntry> _timeline = [];

    internal SandboxCall(string customerNumber, string? customerName, string calledNumber)
    {
        (CustomerNumber, CustomerName, CalledNumber) = (customerNumber, customerName, calledNumber);
    }

    public string CustomerNumber { get; }

    public string? CustomerName { get; }

    public string CalledNumber { get; }

    public SandboxCallState State { get; internal set; }

    public IReadOnlyList<TimelineEntry> Timeline
    {
        get
        {
            lock (_timeline)
            {
                return [.. _timeline];
            }
        }
    }

    /// <summary>True while the IVR waits for the caller to press a key.</summary>
    public bool WaitingForKey => State == SandboxCallState.InIvr && Ivr?.WaitingAt is not null;

    public string? TaskSid { get; internal set; }

    public string? QueueName { get; internal set; }

    public string? AgentName { get; internal set; }

    /// <summary>The thank-you text's status once the call has ended (Pending, Sent, Skipped, …), then the message's.</summary>
    public string? TextStatus { get; internal set; }

    /// <summary>True while the page should keep checking for the thank-you text's progress.</summary>
    public bool FollowingText { get; internal set; }

    /// <summary>The configuration set of the plugin that applied to the agent's reservation.</summary>
    public string? AutomationSet { get; internal set; }

    /// <summary>When auto-wrap-up completes the task (null: the agent completes wrap-up, or the call is not in wrap-up).</summary>
    public DateTimeOffset? WrapUpDue { get; internal set; }

    /// <summary>True while the page should keep calling RefreshAsync: a text to follow or an auto-wrap-up to run.</summary>
    public bool NeedsRefresh => FollowingText || (State == SandboxCallState.WrappingUp && WrapUpDue is not null);

    internal int? WrapUpSeconds { get; set; }

    internal string? QueueSid { get; set; }

    internal string? TaskAttributes { get; set; }

    /// <summary>The task as its TaskRouter events describe it (the board and thank-you texts read these).</summary>
    internal SandboxTaskFacts Facts => new(TaskSid!, TaskAttributes ?? "{}", QueueName, QueueSid, AgentName, AgentSid);

    internal IvrCallSimulator? Ivr { get; set; }

    internal int IvrEventsShown { get; set; }

    internal string? AgentSid { get; set; }

    internal DateTimeOffset? TalkingSince { get; set; }

    internal void Add(DateTimeOffset at, TimelineKind kind, string text)
    {
        lock (_timeline)
        {
            _timeline.Add(new TimelineEntry(at, kind, text));
        }
    }
}
