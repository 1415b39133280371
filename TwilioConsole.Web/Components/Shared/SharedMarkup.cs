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
    private const int MaxRecent = 32;
    private static readonly ConcurrentDictionary<string, string> Kept = new(StringComparer.Ordinal);
    private static readonly LinkedList<string> RecentlyKept = [];
    private static readonly Lock RecentGate = new();

    /// <summary>The kept copy of <paramref name="markup"/>; once the bound is reached, new text is used as it is.</summary>
    public static string Intern(string markup) =>
        Kept.TryGetValue(markup, out var kept) ? kept
        : Kept.Count < MaxKept && markup.Length <= MaxLength ? Kept.GetOrAdd(markup, markup)
        : markup;

    private const int MaxShown = 8192;
    private static readonly ConcurrentDictionary<int, WeakReference<string>> Shown = new();
    private static int _fullTries;

    /// <summary>
    /// The copy of <paramref name="markup"/> another open page already shows, if one does (a log row many pages show
    /// alike): only a weak reference is kept here, so a text lives exactly as long as some page draws it.
    /// </summary>
    public static string Shared(string markup)
    {
        var key = markup.GetHashCode(StringComparison.Ordinal);
        if (Shown.TryGetValue(key, out var weak) && weak.TryGetTarget(out var shown))
        {
            return string.Equals(shown, markup, StringComparison.Ordinal) ? shown : markup; // another text, same hash: not shared
        }

        if (Shown.Count >= MaxShown)
        {
            if (Interlocked.Increment(ref _fullTries) % 1024 == 0)
            {
                foreach (var entry in Shown)
                {
                    if (!entry.Value.TryGetTarget(out _))
                    {
                        Shown.TryRemove(entry); // removes it only if no one replaced it meanwhile
                    }
                }
            }

            return markup;
        }

        Shown[key] = new WeakReference<string>(markup);
        return markup;
    }

    /// <summary>
    /// The kept copy of markup that changes over time but is drawn alike by many pages at once (a chart of today's
    /// figures): the last few texts are kept, so pages drawing the same version share it, and older versions are let go.
    /// </summary>
    public static string Recent(string markup)
    {
        lock (RecentGate)
        {
            for (var node = RecentlyKept.First; node is not null; node = node.Next)
            {
                if (string.Equals(node.Value, markup, StringComparison.Ordinal))
                {
                    RecentlyKept.Remove(node);
                    RecentlyKept.AddFirst(node);
                    return node.Value;
                }
            }

            RecentlyKept.AddFirst(markup);
            if (RecentlyKept.Count > MaxRecent)
            {
                RecentlyKept.RemoveLast();
            }

            return markup;
        }
    }
}
