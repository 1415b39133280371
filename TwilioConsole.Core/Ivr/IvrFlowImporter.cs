using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TwilioConsole.Core.Ivr;

public sealed record IvrImportResult(IvrDefinition? Ivr, IvrTargets? Targets, IReadOnlyList<string> Problems);

/// <summary>
/// Reads a Studio Flow definition back into an <see cref="IvrDefinition"/> when it has the IVR's shape (greeting → menu
/// → split on the digit → send-to-flex per option, with the retry loop), whoever laid out or named its widgets;
/// otherwise lists every way it differs.
/// </summary>
public static class IvrFlowImporter
{
    public static IvrImportResult Import(string definitionJson, string? flowName = null)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(definitionJson);
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Reject($"It is not valid JSON: {e.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("states", out var statesJson) || statesJson.ValueKind != JsonValueKind.Array)
        {
            return Reject("It is not a Studio Flow definition: there is no 'states' list.");
        }

        var states = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var state in statesJson.EnumerateArray())
        {
            if (state.TryGetProperty("name", out var n) && n.GetString() is { } stateName)
            {
                states[stateName] = state;
            }
        }

        var problems = new List<string>();
        JsonElement? Widget(string? name, string type, string role)
        {
            if (name is null)
            {
                problems.Add($"The {role} is missing.");
                return null;
            }

            if (!states.TryGetValue(name, out var state))
            {
                problems.Add($"The {role} '{name}' is not a widget in the flow.");
                return null;
            }

            if (Type(state) != type)
            {
                problems.Add($"The {role} '{name}' is a {Type(state)} widget; a {type} widget is expected.");
                return null;
            }

            return state;
        }

        var initial = root.TryGetProperty("initial_state", out var i) ? i.GetString() : null;
        var trigger = Widget(initial, "trigger", "trigger");
        var greeting = trigger is { } t ? Widget(Next(t, "incomingCall"), "say-play", "greeting after an incoming call") : null;
        var menu = greeting is { } g ? Widget(Next(g, "audioComplete"), "gather-input-on-call", "menu after the greeting") : null;
        var split = menu is { } m ? Widget(Next(m, "keypress"), "split-based-on", "split on the pressed key") : null;
        if (problems.Count > 0 || greeting is null || menu is null || split is null)
        {
            return Reject([.. problems]);
        }

        var options = new List<IvrOption>();
        IvrTargets? targets = null;
        string? unavailable = null;
        foreach (var match in split.Value.GetProperty("transitions").EnumerateArray().Where(x => Event(x) == "match"))
        {
            var condition = match.TryGetProperty("conditions", out var c) && c.GetArrayLength() == 1 ? c[0] : default;
            if (condition.ValueKind != JsonValueKind.Object || Str(condition, "type") != "equal_to" || Str(condition, "value") is not { Length: 1 } digit)
            {
                problems.Add("Each menu branch must test one condition: the key equal to a digit.");
                continue;
            }

            if (Widget(match.TryGetProperty("next", out var n) ? n.GetString() : null, "send-to-flex", $"widget for key {digit}") is not { } flex)
            {
                continue;
            }

            var properties = flex.GetProperty("properties");
            targets ??= new IvrTargets(Str(properties, "workflow") ?? "", Str(properties, "channel") ?? "");
            var label = Str(condition, "friendly_name") is { } friendly && friendly.StartsWith(digit + ": ", StringComparison.Ordinal) ? friendly[3..] : Str(flex, "name")!;
            options.Add(new IvrOption(digit, label, OptionAttributes(Str(properties, "attributes"), digit, problems)));
            if (Next(flex, "failedToEnqueue") is { } failed && states.TryGetValue(failed, out var failedState) && Type(failedState) == "say-play")
            {
                unavailable ??= Str(failedState.GetProperty("properties"), "say");
            }
        }

        var (retries, retryMessage, goodbye) = RetryLoop(states, menu.Value, split.Value, problems);
        if (options.Count == 0)
        {
            problems.Add("The split has no menu branches to send-to-flex widgets.");
        }

        if (problems.Count > 0)
        {
            return Reject([.. problems]);
        }

        var menuProperties = menu.Value.GetProperty("properties");
        var name = flowName ?? (root.TryGetProperty("description", out var d) && d.GetString() is { } text && text.Contains(':', StringComparison.Ordinal) ? text[..text.IndexOf(':', StringComparison.Ordinal)] : IvrDefinition.Default.Name);
        var ivr = new IvrDefinition(
            name,
            Str(greeting.Value.GetProperty("properties"), "say") ?? "",
            Str(menuProperties, "say") ?? "",
            options,
            Str(menuProperties, "voice") ?? IvrDefinition.Default.Voice,
            Str(menuProperties, "language") ?? IvrDefinition.Default.Language,
            menuProperties.TryGetProperty("timeout", out var timeout) && timeout.TryGetInt32(out var seconds) ? seconds : IvrDefinition.Default.TimeoutSeconds,
            retries,
            retryMessage,
            goodbye,
            unavailable ?? IvrDefinition.Default.Unavailable);
        return new IvrImportResult(ivr, targets, []);
    }

    /// <summary>Timeout and "no match" both go to a counter, then a check that says goodbye after N failures, else "sorry" and the menu again.</summary>
    private static (int Retries, string RetryMessage, string Goodbye) RetryLoop(Dictionary<string, JsonElement> states, JsonElement menu, JsonElement split, List<string> problems)
    {
        var counter = Next(menu, "timeout");
        if (counter is null || Next(split, "noMatch") != counter || !states.TryGetValue(counter, out var count) || Type(count) != "set-variables")
        {
            problems.Add("No input and a wrong key must both lead to the same set-variables widget that counts failures.");
            return default;
        }

        if (Next(count, "next") is not { } checkName || !states.TryGetValue(checkName, out var check) || Type(check) != "split-based-on")
        {
            problems.Add("The failure counter must lead to a split that checks the count.");
            return default;
        }

        var limit = check.GetProperty("transitions").EnumerateArray().FirstOrDefault(x => Event(x) == "match");
        var condition = limit.ValueKind == JsonValueKind.Object && limit.TryGetProperty("conditions", out var c) && c.GetArrayLength() == 1 ? c[0] : default;
        if (condition.ValueKind != JsonValueKind.Object || !int.TryParse(Str(condition, "value"), NumberStyles.None, CultureInfo.InvariantCulture, out var failures) || failures < 1)
        {
            problems.Add("The count check must compare the failures with a whole number.");
            return default;
        }

        var goodbye = limit.TryGetProperty("next", out var g) && g.GetString() is { } gn && states.TryGetValue(gn, out var gs) && Type(gs) == "say-play" ? Str(gs.GetProperty("properties"), "say") : null;
        var sorryName = Next(check, "noMatch");
        var sorry = sorryName is not null && states.TryGetValue(sorryName, out var ss) && Type(ss) == "say-play" && Next(ss, "audioComplete") == Str(menu, "name") ? Str(ss.GetProperty("properties"), "say") : null;
        if (goodbye is null)
        {
            problems.Add("After the last failure the flow must say goodbye with a say-play widget.");
        }

        if (sorry is null)
        {
            problems.Add("Before a retry the flow must say something with a say-play widget and return to the menu.");
        }

        return (failures - 1, sorry ?? "", goodbye ?? "");
    }

    private static string OptionAttributes(string? text, string digit, List<string> problems)
    {
        try
        {
            if (JsonNode.Parse(text ?? "") is JsonObject attributes)
            {
                if ((string?)attributes["name"] == IvrFlowBuilder.CallerName)
                {
                    attributes.Remove("name");
                }

                return attributes.ToJsonString();
            }
        }
        catch (JsonException)
        {
            // reported below
        }

        problems.Add($"The task attributes for key {digit} are not a JSON object.");
        return "{}";
    }

    private static IvrImportResult Reject(params string[] problems) => new(null, null, problems);

    private static string? Type(JsonElement state) => Str(state, "type");

    private static string? Event(JsonElement transition) => Str(transition, "event");

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Next(JsonElement state, string eventName) =>
        state.TryGetProperty("transitions", out var transitions)
            ? transitions.EnumerateArray().Where(x => Event(x) == eventName).Select(x => Str(x, "next")).FirstOrDefault()
            : null;
}
