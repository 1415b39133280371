using System.Globalization;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Functions;

/// <summary>The steps of a deploy as they happen, reported to the page after each change. Used by every deployer.</summary>
public sealed class DeployProgress(IProgress<IReadOnlyList<DeployStep>>? progress)
{
    private readonly List<DeployStep> _steps = [];

    /// <summary>The step that ran last: the one a failure belongs to.</summary>
    public string Current { get; private set; } = "";

    public IReadOnlyList<DeployStep> Steps => [.. _steps];

    public void Report(string name, DeployStepState state, string? detail = null)
    {
        Current = name;
        var index = _steps.FindIndex(s => s.Name == name);
        if (index >= 0)
        {
            _steps[index] = new DeployStep(name, state, detail);
        }
        else
        {
            _steps.Add(new DeployStep(name, state, detail));
        }

        progress?.Report(Steps);
    }

    public void Start(string name, string? detail = null) => Report(name, DeployStepState.Running, detail);

    /// <summary>
    /// Marks the step that was running as failed, with Twilio's own words; returns the error for the result and the
    /// audit log ("Build: message (Twilio error 20001)", or the message of a missing configuration).
    /// </summary>
    public string Fail(Exception error)
    {
        var (detail, message) = error is TwilioApiException twilio
            ? (twilio.TwilioMessage, $"{Current}: {twilio.TwilioMessage} (Twilio error {twilio.Code?.ToString(CultureInfo.InvariantCulture) ?? "none"})")
            : (error.Message, error.Message);
        Report(Current, DeployStepState.Failed, detail);
        return message;
    }

    /// <summary>"Service: Done; Build: Failed" for the audit log.</summary>
    public string Summary => string.Join("; ", _steps.Select(s => $"{s.Name}: {s.State}"));

    /// <summary>Waits for a Serverless build to leave "building", polling at <paramref name="interval"/> up to <paramref name="timeout"/>.</summary>
    public static async Task<string> WaitForBuildAsync(IServerlessApi serverless, string serviceSid, string buildSid, TimeProvider clock,
        TimeSpan timeout, TimeSpan interval, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + timeout;
        while (true)
        {
            var status = (await serverless.FetchBuildStatusAsync(serviceSid, buildSid, ct)).Status;
            if (status != "building" || clock.GetUtcNow() >= deadline)
            {
                return status;
            }

            await Task.Delay(interval, clock, ct);
        }
    }
}
