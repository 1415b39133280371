namespace TwilioConsole.Web.Components.Shared;

/// <summary>A tab's heading: its text and, optionally, a Material icon drawn before it.</summary>
public sealed record TabItem(string Text, string? Icon = null);
