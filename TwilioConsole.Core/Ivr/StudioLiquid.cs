using System.Globalization;
using System.Text.RegularExpressions;

namespace TwilioConsole.Core.Ivr;

/// <summary>The Liquid template could use something the simulator does not interpret.</summary>
public sealed class SimulatorException(string message) : Exception(message);

/// <summary>
/// The small part of Liquid the IVR's flows use: <c>{{ path }}</c>, the <c>plus</c> filter, and
/// <c>{% if path %}…{% else %}…{% endif %}</c>. A missing value renders empty, as in Liquid. Anything else is refused
/// with the text it could not read, rather than guessed.
/// </summary>
internal static partial class StudioLiquid
{
    public static string Render(string template, Func<string, string?> lookup)
    {
        var withoutIfs = IfBlock().Replace(template, m =>
            Truthy(lookup(m.Groups["cond"].Value)) ? m.Groups["then"].Value : m.Groups["else"].Value);
        if (withoutIfs.Contains("{%", StringComparison.Ordinal))
        {
            throw new SimulatorException($"The simulator does not interpret this Liquid tag: {withoutIfs[withoutIfs.IndexOf("{%", StringComparison.Ordinal)..]}");
        }

        return Output().Replace(withoutIfs, m =>
        {
            var value = lookup(m.Groups["path"].Value) ?? "";
            foreach (Capture filter in m.Groups["filter"].Captures)
            {
                value = ApplyFilter(value, filter.Value.Trim());
            }

            return value;
        });
    }

    private static string ApplyFilter(string value, string filter)
    {
        var plus = Plus().Match(filter);
        if (!plus.Success)
        {
            throw new SimulatorException($"The simulator does not interpret the Liquid filter '{filter}'.");
        }

        var left = decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return (left + decimal.Parse(plus.Groups[1].Value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
    }

    private static bool Truthy(string? value) => !string.IsNullOrEmpty(value) && value != "false";

    [GeneratedRegex(@"\{%-?\s*if\s+(?<cond>[\w.]+)\s*-?%\}(?<then>.*?)(?:\{%-?\s*else\s*-?%\}(?<else>.*?))?\{%-?\s*endif\s*-?%\}", RegexOptions.Singleline)]
    private static partial Regex IfBlock();

    [GeneratedRegex(@"\{\{-?\s*(?<path>[\w.]+)\s*(?:\|(?<filter>[^|}]+))*-?\}\}")]
    private static partial Regex Output();

    [GeneratedRegex(@"^plus:\s*(-?\d+(?:\.\d+)?)$")]
    private static partial Regex Plus();
}
