using System.Text;

namespace TwilioConsole.Core.Messaging;

public enum SmsEncoding
{
    Gsm7,
    Ucs2,
}

/// <summary>How a body travels: its encoding, length in that encoding's units, segments, and room left in the last one.</summary>
public sealed record SegmentInfo(SmsEncoding Encoding, int Units, int Segments, int Remaining);

/// <summary>
/// Counts SMS segments as carriers do: GSM-7 (160 single, 153 per concatenated part; extension characters count 2)
/// unless any character needs UCS-2 (70 / 67 code units). A 2-unit character is never split across parts.
/// </summary>
public static class SegmentCounter
{
    public const int MaxBodyLength = 1600;

    private const string Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "\f^{}\\[~]|€";

    public static SegmentInfo Count(string? body)
    {
        body ??= "";
        var gsm = body.All(c => Basic.Contains(c, StringComparison.Ordinal) || Extension.Contains(c, StringComparison.Ordinal));
        var units = gsm
            ? body.Select(c => Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1).ToList()
            : body.EnumerateRunes().Select(r => r.Utf16SequenceLength).ToList();
        var (single, part) = gsm ? (160, 153) : (70, 67);
        var total = units.Sum();
        if (total == 0)
        {
            return new(gsm ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2, 0, 0, single);
        }

        if (total <= single)
        {
            return new(gsm ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2, total, 1, single - total);
        }

        var (segments, used) = (1, 0);
        foreach (var unit in units)
        {
            if (used + unit > part)
            {
                segments++;
                used = 0;
            }

            used += unit;
        }

        return new(gsm ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2, total, segments, part - used);
    }
}
