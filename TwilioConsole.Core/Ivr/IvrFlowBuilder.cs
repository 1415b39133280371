using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TwilioConsole.Core.Ivr;

/// <summary>
/// Turns an <see cref="IvrDefinition"/> into a Studio Flow definition: Trigger (incoming call) → greeting → menu
/// (gather one digit) → split on the digit → send-to-flex per option; no input or a wrong key → count the failure →
/// "sorry" and the menu again, until the retries run out → goodbye. Widgets are laid out top-down like a hand-drawn
/// flow in Studio's canvas.
/// </summary>
public static class IvrFlowBuilder
{
    public const string Trigger = "Trigger";
    public const string Greeting = "greeting";
    public const string Menu = "main_menu";
    public const string RouteChoice = "route_choice";
    public const string CountRetry = "count_retry";
    public const string CheckRetry = "check_retry";
    public const string InvalidChoice = "invalid_choice";
    public const string Goodbye = "goodbye";
    public const string FlexError = "flex_error";
    public const string RetriesVariable = "retries";
    public const string CallerName = "{{trigger.call.From}}";

    /// <summary>Counts failures; an unset variable starts the count at 1.</summary>
    public const string RetryCounter = "{% if flow.variables.retries %}{{flow.variables.retries | plus: 1}}{% else %}1{% endif %}";

    private const int Column = 400;
    private const int Row = 250;

    internal static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Build(IvrDefinition ivr, IvrTargets targets) => BuildNode(ivr, targets).ToJsonString(Indented);

    /// <summary>The name of the send-to-flex widget for each option, e.g. <c>to_flex_troubleshooting</c>.</summary>
    public static IReadOnlyList<string> FlexWidgetNames(IvrDefinition ivr)
    {
        var names = new List<string>();
        foreach (var option in ivr.Options)
        {
            var slug = new StringBuilder();
            foreach (var c in option.Label.ToLowerInvariant())
            {
                slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
            }

            var name = "to_flex_" + slug.ToString().Trim('_');
            names.Add(name == "to_flex_" || names.Contains(name) ? $"to_flex_option_{option.Digit}" : name);
        }

        return names;
    }

    /// <summary>The attributes text a send-to-flex widget sends: the option's attributes plus the caller's number as <c>name</c>.</summary>
    public static string TaskAttributesText(string optionAttributes)
    {
        var attributes = JsonNode.Parse(optionAttributes)!.AsObject();
        attributes["name"] = CallerName;
        return attributes.ToJsonString(Compact);
    }

    private static JsonObject BuildNode(IvrDefinition ivr, IvrTargets targets)
    {
        var flexNames = FlexWidgetNames(ivr);
        var optionX = Enumerable.Range(0, ivr.Options.Count).Select(i => (i - (ivr.Options.Count - 1)) * Column).ToList();
        var states = new JsonArray
        {
            State(Trigger, "trigger", 0, 0, Transitions(("incomingMessage", null), ("incomingCall", Greeting), ("incomingConversationMessage", null),
                ("incomingRequest", null), ("incomingParent", null))),
            Say(Greeting, ivr, ivr.Greeting, 0, Row, Menu),
            State(Menu, "gather-input-on-call", 0, 2 * Row, Transitions(("keypress", RouteChoice), ("speech", null), ("timeout", CountRetry)), new()
            {
                ["say"] = ivr.Prompt,
                ["voice"] = ivr.Voice,
                ["language"] = ivr.Language,
                ["loop"] = 1,
                ["number_of_digits"] = 1,
                ["finish_on_key"] = "#",
                ["stop_gather"] = true,
                ["timeout"] = ivr.TimeoutSeconds,
            }),
        };

        var routeTransitions = Transitions(("noMatch", CountRetry));
        for (var i = 0; i < ivr.Options.Count; i++)
        {
            var digits = $"{{{{widgets.{Menu}.Digits}}}}";
            routeTransitions.Add(new JsonObject
            {
                ["event"] = "match",
                ["next"] = flexNames[i],
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["friendly_name"] = $"{ivr.Options[i].Digit}: {ivr.Options[i].Label}",
                    ["arguments"] = new JsonArray(digits),
                    ["type"] = "equal_to",
                    ["value"] = ivr.Options[i].Digit,
                }),
            });
        }

        states.Add(State(RouteChoice, "split-based-on", 0, 3 * Row, routeTransitions, new() { ["input"] = $"{{{{widgets.{Menu}.Digits}}}}" }));
        states.Add(State(CountRetry, "set-variables", Column, 3 * Row, Transitions(("next", CheckRetry)), new()
        {
            ["variables"] = new JsonArray(new JsonObject { ["key"] = RetriesVariable, ["value"] = RetryCounter }),
        }));
        var retriesInput = $"{{{{flow.variables.{RetriesVariable}}}}}";
        states.Add(State(CheckRetry, "split-based-on", Column, 4 * Row, new JsonArray
        {
            new JsonObject { ["event"] = "noMatch", ["next"] = InvalidChoice },
            new JsonObject
            {
                ["event"] = "match",
                ["next"] = Goodbye,
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["friendly_name"] = $"Failed {ivr.Retries + 1} time(s)",
                    ["arguments"] = new JsonArray(retriesInput),
                    ["type"] = "equal_to",
                    ["value"] = (ivr.Retries + 1).ToString(CultureInfo.InvariantCulture),
                }),
            },
        }, new() { ["input"] = retriesInput }));
        states.Add(Say(InvalidChoice, ivr, ivr.RetryMessage, Column, 5 * Row, Menu));
        states.Add(Say(Goodbye, ivr, ivr.Goodbye, 2 * Column, 5 * Row, null));

        for (var i = 0; i < ivr.Options.Count; i++)
        {
            states.Add(State(flexNames[i], "send-to-flex", optionX[i], 4 * Row, Transitions(("callComplete", null), ("failedToEnqueue", FlexError), ("callFailure", null)), new()
            {
                ["workflow"] = targets.WorkflowSid,
                ["channel"] = targets.ChannelSid,
                ["attributes"] = TaskAttributesText(ivr.Options[i].TaskAttributes),
                ["priority"] = "0",
                ["timeout"] = "3600",
            }));
        }

        states.Add(Say(FlexError, ivr, ivr.Unavailable, optionX.Count == 0 ? 0 : (int)optionX.Average(), 5 * Row, null));

        return new JsonObject
        {
            ["description"] = $"{ivr.Name}: " + string.Join(", ", ivr.Options.Select(o => $"{o.Digit} {o.Label}")) + " (built by TwilioConsole)",
            ["states"] = states,
            ["initial_state"] = Trigger,
            ["flags"] = new JsonObject { ["allow_concurrent_calls"] = true },
        };
    }

    private static JsonObject Say(string name, IvrDefinition ivr, string text, int x, int y, string? next) =>
        State(name, "say-play", x, y, Transitions(("audioComplete", next)), new()
        {
            ["say"] = text,
            ["voice"] = ivr.Voice,
            ["language"] = ivr.Language,
            ["loop"] = 1,
        });

    private static JsonObject State(string name, string type, int x, int y, JsonArray transitions, JsonObject? properties = null)
    {
        properties ??= [];
        properties["offset"] = new JsonObject { ["x"] = x, ["y"] = y };
        return new JsonObject { ["name"] = name, ["type"] = type, ["transitions"] = transitions, ["properties"] = properties };
    }

    private static JsonArray Transitions(params (string Event, string? Next)[] transitions)
    {
        var array = new JsonArray();
        foreach (var (name, next) in transitions)
        {
            var transition = new JsonObject { ["event"] = name };
            if (next is not null)
            {
                transition["next"] = next;
            }

            array.Add(transition);
        }

        return array;
    }
}
