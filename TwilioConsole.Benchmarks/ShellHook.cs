using System.Diagnostics;

namespace TwilioConsole.Benchmarks;

/// <summary>
/// A command a person hands a benchmark through an environment variable (a profiler, a heap dump), run with
/// <c>/bin/sh -c</c> after <c>{name}</c> placeholders are filled in. Nothing runs when the variable is unset.
/// </summary>
internal static class ShellHook
{
    /// <returns>The started command, or null when <paramref name="variable"/> is unset.</returns>
    public static Process? Start(string variable, params (string Name, object Value)[] values)
    {
        if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } command)
        {
            return null;
        }

        foreach (var (name, value) in values)
        {
            command = command.Replace("{" + name + "}", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command])) ?? throw new InvalidOperationException($"{command} did not start");
    }

    /// <summary>Runs the command to its end (nothing when <paramref name="variable"/> is unset).</summary>
    public static async Task RunAsync(string variable, params (string Name, object Value)[] values)
    {
        using var process = Start(variable, values);
        if (process is not null)
        {
            await process.WaitForExitAsync();
        }
    }
}
