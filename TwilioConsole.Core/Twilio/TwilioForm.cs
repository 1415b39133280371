using System.Globalization;

namespace TwilioConsole.Core.Twilio;

/// <summary>
/// A form body the way Twilio reads it: PascalCase keys, lists as repeated keys, lowercase booleans, invariant numbers.
/// Null values are left out, so optional parameters are only sent when set.
/// </summary>
public sealed class TwilioForm
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public TwilioForm Add(string key, string? value)
    {
        if (value is not null)
        {
            _fields.Add(new(key, value));
        }

        return this;
    }

    public TwilioForm Add(string key, bool? value) => value is null ? this : Add(key, value.Value ? "true" : "false");

    public TwilioForm Add(string key, int? value) => value is null ? this : Add(key, value.Value.ToString(CultureInfo.InvariantCulture));

    public TwilioForm Add(string key, Uri? value) => value is null ? this : Add(key, value.AbsoluteUri);

    public TwilioForm AddEach(string key, IEnumerable<string>? values)
    {
        foreach (var value in values ?? [])
        {
            Add(key, value);
        }

        return this;
    }

    public FormUrlEncodedContent ToContent() => new(_fields);
}
