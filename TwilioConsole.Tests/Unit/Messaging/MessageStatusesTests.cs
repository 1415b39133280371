using TwilioConsole.Core.Messaging;

namespace TwilioConsole.Tests.Unit.Messaging;

[Trait("Lane", "Unit")]
public sealed class MessageStatusesTests
{
    [Theory]
    [InlineData("pending", "queued", true)]
    [InlineData("queued", "sent", true)]
    [InlineData("sent", "delivered", true)]
    [InlineData("sent", "undelivered", true)]
    [InlineData("delivered", "read", true)]
    [InlineData("delivered", "sent", false)]
    [InlineData("delivered", "queued", false)]
    [InlineData("delivered", "undelivered", false)]
    [InlineData("sent", "sent", false)]
    [InlineData("sent", "bogus", false)]
    public void Advances_OnlyForward(string current, string next, bool expected) =>
        Assert.Equal(expected, MessageStatuses.Advances(current, next));

    [Theory]
    [InlineData("delivered", true)]
    [InlineData("failed", true)]
    [InlineData("sent", false)]
    [InlineData("pending", false)]
    public void IsFinal_ForTerminalStatuses(string status, bool expected) => Assert.Equal(expected, MessageStatuses.IsFinal(status));
}
