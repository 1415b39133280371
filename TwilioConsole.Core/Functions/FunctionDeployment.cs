namespace TwilioConsole.Core.Functions;

/// <summary>Where the send-sms Function is deployed, as remembered after the last successful deploy.</summary>
public sealed record FunctionDeployment(string ServiceSid, string EnvironmentSid, string BuildSid, Uri Url, DateTimeOffset DeployedAt, bool Sandbox);

public enum DeployStepState
{
    Running,
    Done,
    Reused,
    Failed,
}

/// <summary>One step of a deploy as the Functions page shows it.</summary>
public sealed record DeployStep(string Name, DeployStepState State, string? Detail = null);

public sealed record DeployResult(bool Succeeded, FunctionDeployment? Deployment, IReadOnlyList<DeployStep> Steps, string? Error);
