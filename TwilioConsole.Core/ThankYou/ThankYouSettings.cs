namespace TwilioConsole.Core.ThankYou;

/// <summary>How thank-you texts behave. Kept with the settings; edited on the Completion texts page.</summary>
public sealed record ThankYouSettings
{
    public const string TaskWrapup = "task.wrapup";
    public const string TaskCompleted = "task.completed";
    public const string DefaultTemplate = "Hi {customer_name}, thank you for calling us today. {agent} from {queue} was glad to help. Reply STOP to opt out.";

    public bool Enabled { get; init; } = true;

    /// <summary><c>task.wrapup</c> (the call ended) or <c>task.completed</c> (the agent finished wrap-up).</summary>
    public string TriggerEvent { get; init; } = TaskWrapup;

    public string Template { get; init; } = DefaultTemplate;

    /// <summary>Only text customers whose call an agent took (the event names a worker).</summary>
    public bool OnlyIfAgentAccepted { get; init; } = true;

    /// <summary>Skip calls shorter than this (task age in seconds); 0 texts every call.</summary>
    public int MinimumCallSeconds { get; init; }
}
