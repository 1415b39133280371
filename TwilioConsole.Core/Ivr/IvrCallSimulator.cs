using System.Text.Json;

namespace TwilioConsole.Core.Ivr;

public enum CallEventKind
{
    /// <summary>The caller hears text.</summary>
    Say,

    /// <summary>The caller hears a menu and the flow waits for a key.</summary>
    Prompt,

    /// <summary>The caller pressed keys.</summary>
    Keypress,

    /// <summary>The caller pressed nothing in time.</summary>
    Timeout,

    /// <summary>A flow variable was set, or a split chose a branch.</summary>
    Logic,

    /// <summary>The call was handed to Flex as a task.</summary>
    Enqueued,

    /// <summary>The flow ended the call.</summary>
    HungUp,
}

public sealed record CallEvent(string Widget, CallEventKind Kind, string Text);

/// <summary>The task a send-to-flex widget creates: workflow, channel, and the attributes with Liquid filled in.</summary>
public sealed record SimulatedTask(string Widget, string WorkflowSid, string ChannelSid, string Attributes);

/// <summary>
/// Plays a Studio Flow definition the way Studio runs it for an incoming call: it interprets the JSON (trigger,
/// say-play, gather-input-on-call, split-based-on, set-variables, send-to-flex), not the IVR model, so it proves the
/// definition itself. The caller presses keys with <see cref="Press"/> or lets the menu time out with <see cref="Timeout"/>.
/// </summary>
public sealed class IvrCallSimulator
{
    private const int MaxSteps = 500;
    private readonly Dictionary<string, JsonElement> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _digits = new(StringComparer.Ordinal);
    private readonly List<CallEvent> _events = [];
    private readonly string _caller;
    private readonly string _called;
    private string? _current;

    private IvrCallSimulator(JsonElement definition, string caller, string called)
    {
        (_caller, _called) = (caller, called);
        foreach (var state in definition.GetProperty("states").EnumerateArray())
        {
            _states[state.GetProperty("name").GetString()!] = state.Clone();
        }

        var trigger = _states.GetValueOrDefault(definition.GetProperty("initial_state").GetString()!);
        _current = trigger.ValueKind == JsonValueKind.Object ? Next(trigger, "incomingCall") : null;
        if (_current is null)
        {
            Fail("The flow does not answer incoming calls: its trigger has no incomingCall transition.");
        }
    }

    public IReadOnlyList<CallEvent> Events => _events;

    /// <summary>The widget waiting for the caller's keys, when the flow is waiting.</summary>
    public string? WaitingAt { get; private set; }

    public bool Ended { get; private set; }

    public SimulatedTask? Task { get; private set; }

    /// <summary>Why the simulation stopped on a problem in the definition; null when the call went as the flow says.</summary>
    public string? Error { get; private set; }

    /// <summary>Starts a call from <paramref name="caller"/> to <paramref name="called"/>, plays up to the first menu.</summary>
    public static IvrCallSimulator Start(string definitionJson, string caller = "+14155550100", string called = "+15005550006")
    {
        JsonElement definition;
        try
        {
            using var doc = JsonDocument.Parse(definitionJson);
            definition = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            var broken = new IvrCallSimulator(caller, called);
            broken.Fail($"The definition is not valid JSON: {e.Message}");
            return broken;
        }

        if (definition.ValueKind != JsonValueKind.Object || !definition.TryGetProperty("states", out var states) || states.ValueKind != JsonValueKind.Array ||
            !definition.TryGetProperty("initial_state", out var initial) || initial.ValueKind != JsonValueKind.String)
        {
            var broken = new IvrCallSimulator(caller, called);
            broken.Fail("The definition needs a 'states' list and an 'initial_state'.");
            return broken;
        }

        var simulator = new IvrCallSimulator(definition, caller, called);
        simulator.Run();
        return simulator;
    }

    private IvrCallSimulator(string caller, string called) => (_caller, _called) = (caller, called);

    public void Press(string digits)
    {
        var gather = RequireWaiting();
        _events.Add(new(gather, CallEventKind.Keypress, $"Caller pressed {digits}"));
        _digits[gather] = digits;
        _current = Next(_states[gather], "keypress");
        if (_current is null)
        {
            HangUp(gather, "keypress");
        }

        Run();
    }

    public void Timeout()
    {
        var gather = RequireWaiting();
        _events.Add(new(gather, CallEventKind.Timeout, "No key pressed in time"));
        _digits.Remove(gather);
        _current = Next(_states[gather], "timeout");
        if (_current is null)
        {
            HangUp(gather, "timeout");
        }

        Run();
    }

    private string RequireWaiting()
    {
        var gather = WaitingAt ?? throw new InvalidOperationException("The call is not waiting for a key.");
        WaitingAt = null;
        return gather;
    }

    private void Run()
    {
        try
        {
            for (var steps = 0; _current is not null && !Ended; steps++)
            {
                if (steps == MaxSteps)
                {
                    Fail($"The flow ran {MaxSteps} widgets without waiting for the caller; it loops.");
                    return;
                }

                if (!_states.TryGetValue(_current, out var state))
                {
                    Fail($"A transition leads to '{_current}', which is not a widget in this flow.");
                    return;
                }

                var name = _current;
                _current = Step(name, state);
                if (WaitingAt is not null)
                {
                    return;
                }
            }
        }
        catch (SimulatorException e)
        {
            Fail(e.Message);
        }
    }

    /// <summary>Plays one widget; answers the next widget's name (null when this one waits or ends the call).</summary>
    private string? Step(string name, JsonElement state)
    {
        var type = state.GetProperty("type").GetString();
        var properties = state.TryGetProperty("properties", out var p) ? p : default;
        switch (type)
        {
            case "say-play":
                _events.Add(new(name, CallEventKind.Say, Render(Text(properties, "say") ?? $"(plays {Text(properties, "play")})")));
                return Follow(name, state, "audioComplete");

            case "gather-input-on-call":
                _events.Add(new(name, CallEventKind.Prompt, Render(Text(properties, "say") ?? $"(plays {Text(properties, "play")})")));
                WaitingAt = name;
                return null;

            case "set-variables":
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("variables", out var variables))
                {
                    foreach (var variable in variables.EnumerateArray())
                    {
                        var key = variable.GetProperty("key").GetString()!;
                        _variables[key] = Render(variable.GetProperty("value").GetString() ?? "");
                        _events.Add(new(name, CallEventKind.Logic, $"{key} = {_variables[key]}"));
                    }
                }

                return Follow(name, state, "next");

            case "split-based-on":
                return Split(name, state, properties);

            case "send-to-flex":
                var attributes = Render(Text(properties, "attributes") ?? "{}");
                try
                {
                    using var parsed = JsonDocument.Parse(attributes);
                }
                catch (JsonException e)
                {
                    throw new SimulatorException($"Widget '{name}' would send task attributes that are not JSON ({e.Message}): {attributes}");
                }

                Task = new SimulatedTask(name, Text(properties, "workflow") ?? "", Text(properties, "channel") ?? "", attributes);
                _events.Add(new(name, CallEventKind.Enqueued, $"Call handed to Flex with attributes {attributes}"));
                Ended = true;
                return null;

            default:
                throw new SimulatorException($"The simulator does not play widget type '{type}' (widget '{name}').");
        }
    }

    private string? Split(string name, JsonElement state, JsonElement properties)
    {
        var input = Render(Text(properties, "input") ?? "");
        foreach (var transition in state.GetProperty("transitions").EnumerateArray())
        {
            if (transition.GetProperty("event").GetString() != "match" || !transition.TryGetProperty("conditions", out var conditions))
            {
                continue;
            }

            if (conditions.EnumerateArray().All(c => Matches(c, input)))
            {
                var label = conditions.EnumerateArray().Select(c => c.TryGetProperty("friendly_name", out var f) ? f.GetString() : null).FirstOrDefault();
                _events.Add(new(name, CallEventKind.Logic, $"'{input}' matches {label ?? "a condition"}"));
                return transition.TryGetProperty("next", out var next) ? next.GetString() : HangUp(name, "match");
            }
        }

        _events.Add(new(name, CallEventKind.Logic, $"'{input}' matches no condition"));
        return Follow(name, state, "noMatch");
    }

    private bool Matches(JsonElement condition, string input)
    {
        var value = condition.TryGetProperty("value", out var v) ? Render(v.GetString() ?? "") : "";
        var subject = condition.TryGetProperty("arguments", out var arguments) && arguments.GetArrayLength() > 0 ? Render(arguments[0].GetString() ?? "") : input;
        var type = condition.GetProperty("type").GetString();
        return type switch
        {
            "equal_to" => subject == value,
            "not_equal_to" => subject != value,
            "matches_any_of" => value.Split(',').Select(s => s.Trim()).Contains(subject),
            "does_not_match_any_of" => !value.Split(',').Select(s => s.Trim()).Contains(subject),
            "is_blank" => string.IsNullOrWhiteSpace(subject),
            "is_not_blank" => !string.IsNullOrWhiteSpace(subject),
            "contains" => subject.Contains(value, StringComparison.Ordinal),
            "does_not_contain" => !subject.Contains(value, StringComparison.Ordinal),
            "starts_with" => subject.StartsWith(value, StringComparison.Ordinal),
            "does_not_start_with" => !subject.StartsWith(value, StringComparison.Ordinal),
            _ => throw new SimulatorException($"The simulator does not interpret split condition type '{type}'."),
        };
    }

    private string? Follow(string name, JsonElement state, string eventName) => Next(state, eventName) ?? HangUp(name, eventName);

    private string? HangUp(string widget, string eventName)
    {
        _events.Add(new(widget, CallEventKind.HungUp, $"The call ends (no widget after '{eventName}')"));
        Ended = true;
        return null;
    }

    private static string? Next(JsonElement state, string eventName)
    {
        if (!state.TryGetProperty("transitions", out var transitions))
        {
            return null;
        }

        foreach (var transition in transitions.EnumerateArray())
        {
            if (transition.GetProperty("event").GetString() == eventName)
            {
                return transition.TryGetProperty("next", out var next) ? next.GetString() : null;
            }
        }

        return null;
    }

    private string Render(string template) => StudioLiquid.Render(template, Lookup);

    private string? Lookup(string path)
    {
        var parts = path.Split('.');
        return parts switch
        {
            ["trigger", "call", "From"] => _caller,
            ["trigger", "call", "To"] => _called,
            ["flow", "variables", var key] => _variables.GetValueOrDefault(key),
            ["widgets", var widget, "Digits"] => _digits.GetValueOrDefault(widget),
            _ => throw new SimulatorException($"The simulator does not know the Liquid value '{path}'."),
        };
    }

    private static string? Text(JsonElement properties, string name) =>
        properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private void Fail(string error)
    {
        Error = error;
        Ended = true;
        WaitingAt = null;
    }
}
