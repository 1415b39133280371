using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TwilioConsole.Core.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks, so SQLite can sort and compare it.</summary>
internal sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
