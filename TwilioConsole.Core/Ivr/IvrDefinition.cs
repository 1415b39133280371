using System.Text.Json;

namespace TwilioConsole.Core.Ivr;

/// <summary>One menu choice: the key the caller presses, what staff call it, and the task attributes (a JSON object) it sets.</summary>
public sealed record IvrOption(string Digit, string Label, string TaskAttributes);

/// <summary>
/// The IVR as staff describe it: a greeting, a menu prompt with options, what happens on no input or a wrong key,
/// and the goodbye. <see cref="IvrFlowBuilder"/> turns it into a Studio Flow definition.
/// </summary>
public sealed record IvrDefinition(
    string Name,
    string Greeting,
    string Prompt,
    IReadOnlyList<IvrOption> Options,
    string Voice = "Polly.Joanna",
    string Language = "en-US",
    int TimeoutSeconds = 5,
    int Retries = 2,
    string RetryMessage = "Sorry, I did not get that.",
    string Goodbye = "We could not understand your selection. Goodbye.",
    string Unavailable = "Sorry, we cannot take your call right now. Please call again later.")
{
    /// <summary>Twilio's limit for text to speech in one &lt;Say&gt;.</summary>
    public const int MaxSpeechLength = 4096;

    /// <summary>Studio's limit for a send-to-flex widget's attributes text.</summary>
    public const int MaxAttributesLength = 1024;

    public const int MaxRetries = 5;

    /// <summary>Voices offered in the editor (Amazon Polly neural voices Twilio serves, and Twilio's basic voice).</summary>
    public static readonly IReadOnlyList<(string Voice, string Language, string Label)> Voices =
    [
        ("Polly.Joanna", "en-US", "Joanna (US English, female)"),
        ("Polly.Matthew", "en-US", "Matthew (US English, male)"),
        ("Polly.Amy", "en-GB", "Amy (British English, female)"),
        ("Polly.Brian", "en-GB", "Brian (British English, male)"),
        ("Polly.Lupe", "es-US", "Lupe (US Spanish, female)"),
        ("alice", "en-US", "Alice (Twilio basic voice)"),
    ];

    public static IvrDefinition Default { get; } = new(
        "Support IVR",
        "Thank you for calling. Your call may be recorded to help us serve you better.",
        "For troubleshooting, press 1. For support, press 2.",
        [
            new("1", "Troubleshooting", """{"type":"troubleshooting"}"""),
            new("2", "Support", """{"type":"support"}"""),
        ]);

    /// <summary>Problems by field (<c>Greeting</c>, <c>Options[0].Digit</c>, …), each saying what to fix. Empty when valid.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        void Text(string field, string? value, string what, int max)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors[field] = $"{what} is required.";
            }
            else if (value.Length > max)
            {
                errors[field] = $"{what} is {value.Length} characters; the limit is {max}.";
            }
        }

        Text(nameof(Name), Name, "The flow name", 64);
        Text(nameof(Greeting), Greeting, "The greeting", MaxSpeechLength);
        Text(nameof(Prompt), Prompt, "The menu prompt", MaxSpeechLength);
        Text(nameof(RetryMessage), RetryMessage, "The retry message", MaxSpeechLength);
        Text(nameof(Goodbye), Goodbye, "The goodbye message", MaxSpeechLength);
        Text(nameof(Unavailable), Unavailable, "The message when Flex cannot take the call", MaxSpeechLength);
        if (!Voices.Any(v => v.Voice == Voice))
        {
            errors[nameof(Voice)] = $"Choose one of the listed voices ({string.Join(", ", Voices.Select(v => v.Voice))}).";
        }

        if (string.IsNullOrWhiteSpace(Language) || !System.Text.RegularExpressions.Regex.IsMatch(Language, "^[a-z]{2,3}-[A-Z]{2}$"))
        {
            errors[nameof(Language)] = "The language is a code such as en-US.";
        }

        if (TimeoutSeconds is < 1 or > 30)
        {
            errors[nameof(TimeoutSeconds)] = "The wait for a key press is 1 to 30 seconds.";
        }

        if (Retries is < 0 or > MaxRetries)
        {
            errors[nameof(Retries)] = $"Retries are 0 to {MaxRetries}.";
        }

        if (Options.Count is < 1 or > 9)
        {
            errors[nameof(Options)] = "The menu needs 1 to 9 options.";
        }

        for (var i = 0; i < Options.Count; i++)
        {
            var option = Options[i];
            var at = $"{nameof(Options)}[{i}]";
            if (option.Digit is not { Length: 1 } || !char.IsAsciiDigit(option.Digit[0]))
            {
                errors[$"{at}.Digit"] = "A key is one digit, 0 to 9.";
            }
            else if (Options.Take(i).Any(o => o.Digit == option.Digit))
            {
                errors[$"{at}.Digit"] = $"Key {option.Digit} is already used by another option.";
            }

            Text($"{at}.Label", option.Label, "The option's label", 50);
            if (AttributesError(option.TaskAttributes) is { } attributesError)
            {
                errors[$"{at}.TaskAttributes"] = attributesError;
            }
        }

        return errors;
    }

    private static string? AttributesError(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "Task attributes are required, such as {\"type\":\"support\"}.";
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "Task attributes must be a JSON object, such as {\"type\":\"support\"}.";
            }

            if (doc.RootElement.TryGetProperty("name", out _))
            {
                return "Leave out \"name\": the flow sets it to the caller's number.";
            }
        }
        catch (JsonException e)
        {
            return $"Task attributes are not valid JSON: {e.Message}";
        }

        return IvrFlowBuilder.TaskAttributesText(json).Length > MaxAttributesLength
            ? $"Task attributes are too long for Studio (at most {MaxAttributesLength} characters with the caller's name)."
            : null;
    }
}

/// <summary>Where the IVR's calls go in TaskRouter: the workflow and the voice TaskChannel.</summary>
public sealed record IvrTargets(string WorkflowSid, string ChannelSid)
{
    /// <summary>What the golden asset holds instead of real SIDs (the placeholder form TWILIO.md uses).</summary>
    public static IvrTargets Placeholder { get; } = new("WW" + new string('x', 32), "TC" + new string('x', 32));

    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Twilio.TwilioSid.IsValid(WorkflowSid, "WW"))
        {
            errors[nameof(WorkflowSid)] = "No TaskRouter workflow yet: apply the routing on the Routing page first.";
        }

        if (!Twilio.TwilioSid.IsValid(ChannelSid, "TC"))
        {
            errors[nameof(ChannelSid)] = "The workspace has no 'voice' TaskChannel; Flex workspaces have one.";
        }

        return errors;
    }
}
