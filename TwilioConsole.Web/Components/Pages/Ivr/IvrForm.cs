using TwilioConsole.Core.Ivr;

namespace TwilioConsole.Web.Components.Pages.Ivr;

/// <summary>The IVR page's editable copy of an <see cref="IvrDefinition"/> (MudBlazor fields bind to settable properties).</summary>
public sealed class IvrForm
{
    public string Name { get; set; } = "";
    public string Greeting { get; set; } = "";
    public string Prompt { get; set; } = "";
    public string Voice { get; set; } = "";
    public int TimeoutSeconds { get; set; }
    public int Retries { get; set; }
    public string RetryMessage { get; set; } = "";
    public string Goodbye { get; set; } = "";
    public string Unavailable { get; set; } = "";
    public List<OptionForm> Options { get; } = [];

    /// <summary>The language that goes with the chosen voice.</summary>
    public string Language => IvrDefinition.Voices.FirstOrDefault(v => v.Voice == Voice).Language ?? "en-US";

    public static IvrForm From(IvrDefinition ivr)
    {
        var form = new IvrForm
        {
            Name = ivr.Name, Greeting = ivr.Greeting, Prompt = ivr.Prompt, Voice = ivr.Voice, TimeoutSeconds = ivr.TimeoutSeconds,
            Retries = ivr.Retries, RetryMessage = ivr.RetryMessage, Goodbye = ivr.Goodbye, Unavailable = ivr.Unavailable,
        };
        form.Options.AddRange(ivr.Options.Select(o => new OptionForm { Digit = o.Digit, Label = o.Label, TaskAttributes = o.TaskAttributes }));
        return form;
    }

    public IvrDefinition ToDefinition() => new(
        Name.Trim(), Greeting.Trim(), Prompt.Trim(),
        [.. Options.Select(o => new IvrOption(o.Digit.Trim(), o.Label.Trim(), o.TaskAttributes.Trim()))],
        Voice, Language, TimeoutSeconds, Retries, RetryMessage.Trim(), Goodbye.Trim(), Unavailable.Trim());

    public sealed class OptionForm
    {
        public string Digit { get; set; } = "";
        public string Label { get; set; } = "";
        public string TaskAttributes { get; set; } = "";
    }
}
