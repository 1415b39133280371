namespace TwilioConsole.Core.Users;

public sealed record UserSummary(string Id, string Email, string? DisplayName, string Role, bool IsDisabled, DateTimeOffset CreatedAt);

/// <summary>The outcome of a user operation: success, or messages keyed by field ("" for the form as a whole).</summary>
public sealed record UserResult(bool Succeeded, IReadOnlyDictionary<string, string> Errors)
{
    public static readonly UserResult Ok = new(true, new Dictionary<string, string>());

    public static UserResult Fail(string field, string message) => new(false, new Dictionary<string, string> { [field] = message });

    public string Summary => string.Join(" ", Errors.Values);
}
