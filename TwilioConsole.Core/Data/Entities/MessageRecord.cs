namespace TwilioConsole.Core.Data.Entities;

public enum MessageSource
{
    Form,
    Function,
    ThankYou,
}

/// <summary>An SMS sent from the product, with its latest status from Twilio's callbacks.</summary>
public sealed class MessageRecord
{
    public long Id { get; set; }

    /// <summary>Twilio's SM… SID; null until Twilio accepted the message.</summary>
    public string? Sid { get; set; }

    public required string To { get; set; }

    public required string Sender { get; set; }

    public required string Body { get; set; }

    public required string Status { get; set; }

    public int? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public decimal? Price { get; set; }

    public string? PriceUnit { get; set; }

    /// <summary>Twilio prices a message only after it is final, and callbacks do not carry the price: set once it was looked up.</summary>
    public DateTimeOffset? PriceCheckedAt { get; set; }

    public int Segments { get; set; }

    public MessageSource Source { get; set; }

    public required string SentBy { get; set; }

    /// <summary>The mode that sent it: Sandbox rows are labelled and left out of totals in Twilio mode. Null before modes were kept.</summary>
    public Settings.ConsoleMode? Mode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One status callback received, kept once per (message, status): a repeated callback changes nothing.</summary>
public sealed class MessageStatusEvent
{
    public long Id { get; set; }

    public required string MessageSid { get; set; }

    public required string Status { get; set; }

    public int? ErrorCode { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
