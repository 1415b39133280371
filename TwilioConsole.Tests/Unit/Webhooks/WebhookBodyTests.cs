using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using TwilioConsole.Web.Webhooks;

namespace TwilioConsole.Tests.Unit.Webhooks;

/// <summary>
/// The webhooks' own form parser reads every body as ASP.NET's <see cref="FormReader"/> does (the signature is computed
/// over what it reads, so a difference would refuse Twilio's events or accept forged ones), and keeps the limits.
/// </summary>
[Trait("Lane", "Unit")]
public sealed class WebhookBodyTests
{
    public static TheoryData<string> Bodies => new()
    {
        "EventType=task.wrapup&TaskSid=WT0123",
        "TaskAttributes=%7B%22from%22%3A%22%2B15551234567%22%2C%22name%22%3A%22Zo%C3%AB+O%27Neil%22%7D",
        "a=1&a=2&b=&c",
        "&&a=1&&",
        "Body=caf%C3%A9+%E2%82%AC+%F0%9F%98%80&Plus=1%2B1%3D2",
        "Broken=%ZZ%2&Half=%E2%82",
        "Spaces+in+name=value+with+spaces&=empty-name",
        "",
        "Raw=caf\u00e9",
        "x&y=1&a=1=2&&b=2",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task ReadsLikeAspNetsFormReader(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var reader = new FormReader(new MemoryStream(bytes));
        var expected = await reader.ReadFormAsync(TestContext.Current.CancellationToken);

        var actual = WebhookBody.ParseForm(bytes);

        Assert.Equal(expected.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value.ToArray())),
                     actual.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value.ToArray())));
    }

    [Fact]
    public void TooManyFields_OrALongName_AreRefused()
    {
        var many = string.Join("&", Enumerable.Range(0, WebhookBody.MaxFields + 1).Select(i => $"f{i}=1"));
        Assert.Throws<InvalidDataException>(() => WebhookBody.ParseForm(Encoding.UTF8.GetBytes(many)));
        Assert.Throws<InvalidDataException>(() => WebhookBody.ParseForm(Encoding.UTF8.GetBytes(new string('k', WebhookBody.MaxKeyLength + 1) + "=1")));
        Assert.Single(WebhookBody.ParseForm(Encoding.UTF8.GetBytes(new string('k', WebhookBody.MaxKeyLength) + "=1")));
    }
}
