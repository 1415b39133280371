using System.Collections.Concurrent;

namespace TwilioConsole.Web.Components.Shared;

/// <summary>
/// One kept copy of markup text that many open pages draw alike (icons, status chips, the theme's styles): a page's
/// render tree then points at that copy instead of holding its own for as long as it is open (ADR 14).
/// </summary>
public static class SharedMarkup
{
    private const int MaxKept = 2048;
    private const int MaxLength = 32 * 1024; // characters: icons and chips are a few hundred, the theme's styles about 13,000
    private static readonly ConcurrentDictionary<string, string> Kept = new(StringComparer.Ordinal);

    /// <summary>The kept copy of <paramref name="markup"/>; once the bound is reached, new text is used as it is.</summary>
    public static string Intern(string markup) =>
        Kept.TryGetValue(markup, out var kept) ? kept
        : Kept.Count < MaxKept && markup.Length <= MaxLength ? Kept.GetOrAdd(markup, markup)
        : markup;
}
