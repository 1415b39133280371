using TwilioConsole.Core.Messaging;

namespace TwilioConsole.Tests.Unit.Messaging;

/// <summary>Cases from TWILIO.md §3.4 (Twilio's segment calculator).</summary>
[Trait("Lane", "Unit")]
public sealed class SegmentCounterTests
{
    public static TheoryData<string, SmsEncoding, int, int> Cases() => new()
    {
        { "", SmsEncoding.Gsm7, 0, 0 },
        { "Thanks for calling!", SmsEncoding.Gsm7, 19, 1 },
        { new string('a', 160), SmsEncoding.Gsm7, 160, 1 },
        { new string('a', 161), SmsEncoding.Gsm7, 161, 2 },
        { new string('a', 153) + "€", SmsEncoding.Gsm7, 155, 1 },
        { new string('a', 159) + "€", SmsEncoding.Gsm7, 161, 2 },
        { "é ñ ü à Ä", SmsEncoding.Gsm7, 9, 1 },
        { "{[~]}", SmsEncoding.Gsm7, 10, 1 },
        { new string('ł', 70), SmsEncoding.Ucs2, 70, 1 },
        { new string('ł', 71), SmsEncoding.Ucs2, 71, 2 },
        { "a😀", SmsEncoding.Ucs2, 3, 1 },
        { "“quoted”", SmsEncoding.Ucs2, 8, 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Count_MatchesTwilio(string body, SmsEncoding encoding, int units, int segments)
    {
        var info = SegmentCounter.Count(body);

        Assert.Equal((encoding, units, segments), (info.Encoding, info.Units, info.Segments));
    }

    [Fact]
    public void Count_NeverSplitsAnExtensionCharacter()
    {
        var info = SegmentCounter.Count(new string('a', 152) + "€" + new string('a', 10)); // parts of 152 and 12

        Assert.Equal(2, info.Segments);
        Assert.Equal(153 - 12, info.Remaining);
    }

    [Fact]
    public void Count_NeverSplitsAnEmoji()
    {
        var info = SegmentCounter.Count(new string('ł', 66) + "😀" + new string('ł', 5)); // the emoji moves on: parts of 66 and 7

        Assert.Equal(2, info.Segments);
        Assert.Equal(67 - 7, info.Remaining);
    }
}
