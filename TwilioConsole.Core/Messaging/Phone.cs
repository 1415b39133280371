using PhoneNumbers;

namespace TwilioConsole.Core.Messaging;

/// <summary>The result of reading a typed phone number: its E.164 form, or what to fix.</summary>
public sealed record PhoneNumberResult(string? E164, string? Error, string? Region)
{
    public bool IsValid => E164 is not null;
}

/// <summary>Reads phone numbers as people type them (with libphonenumber) and shows them safely in logs and lists.</summary>
public static partial class Phone
{
    /// <summary>True when the text is already in E.164 form (+, country code, up to 15 digits), without reading it further.</summary>
    public static bool IsE164(string? value) => value is not null && E164().IsMatch(value);

    [System.Text.RegularExpressions.GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial System.Text.RegularExpressions.Regex E164();

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Parses international (+…) or national input; national input is read in <paramref name="defaultRegion"/>.</summary>
    public static PhoneNumberResult Normalize(string? input, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return new(null, "Enter a phone number.", null);
        }

        try
        {
            var number = Util.Parse(input.Trim(), defaultRegion.ToUpperInvariant());
            if (!Util.IsValidNumber(number))
            {
                var region = Util.GetRegionCodeForCountryCode(number.CountryCode);
                var why = Util.IsPossibleNumberWithReason(number) switch
                {
                    PhoneNumberUtil.ValidationResult.TOO_SHORT or PhoneNumberUtil.ValidationResult.INVALID_LENGTH => $"it has too few digits for {region}",
                    PhoneNumberUtil.ValidationResult.TOO_LONG => $"it has too many digits for {region}",
                    PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => "its country code is not one in use",
                    PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY => "it is a local number without its area code",
                    _ => $"it has the right length, but no {region} number in use starts like this (555 numbers, for example, are reserved for fiction)",
                };
                return new(null, $"This is not a valid phone number: {why}.{(input.TrimStart().StartsWith('+') ? "" : $" Numbers without + are read as {defaultRegion.ToUpperInvariant()} numbers; add + and the country code for another country.")}", null);
            }

            return new(Util.Format(number, PhoneNumberFormat.E164), null, Util.GetRegionCodeForNumber(number));
        }
        catch (NumberParseException)
        {
            return new(null, "Enter a phone number such as +1 415 555 0100, or a national number.", null);
        }
    }

    /// <summary>Keeps the country code and the last two digits: "+1••••••••10". For logs and masked lists.</summary>
    public static string Mask(string? e164)
    {
        if (string.IsNullOrEmpty(e164) || e164.Length < 6 || !e164.StartsWith('+'))
        {
            return "•••";
        }

        int countryDigits;
        try
        {
            countryDigits = Util.Parse(e164, null).CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        }
        catch (NumberParseException)
        {
            countryDigits = 1;
        }

        return e164[..(1 + countryDigits)] + new string('•', e164.Length - 3 - countryDigits) + e164[^2..];
    }
}
