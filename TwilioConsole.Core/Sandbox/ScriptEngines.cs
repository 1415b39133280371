using System.Collections.Concurrent;
using Acornima.Ast;
using Jint;

namespace TwilioConsole.Core.Sandbox;

/// <summary>
/// Jint engines for the shipped JavaScript the Sandbox runs (the send-sms Function, the plugin's auto-accept rules):
/// each run gets a fresh engine with limits (time, memory, recursion, cancellation), and each distinct source text is
/// parsed once.
/// </summary>
internal static class ScriptEngines
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly ConcurrentDictionary<string, Prepared<Script>> Parsed = new(StringComparer.Ordinal);

    public static Engine Create(CancellationToken ct) => new(options => options
        .TimeoutInterval(Timeout)
        .LimitMemory(64L * 1024 * 1024)
        .LimitRecursion(256)
        .CancellationToken(ct)
        .DisableStringCompilation());

    /// <summary>The parsed script for a source text (parsing is the costly part; a few distinct texts exist at most).</summary>
    public static Prepared<Script> Prepare(string source, string name)
    {
        if (Parsed.Count > 32)
        {
            Parsed.Clear(); // the Functions page may deploy edited code; never grow without bound
        }

        return Parsed.GetOrAdd(source, s => Engine.PrepareScript(s, name));
    }
}
