using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TwilioConsole.Core.Data.Entities;

namespace TwilioConsole.Core.Data.Configurations;

internal sealed class MessageRecordConfiguration : IEntityTypeConfiguration<MessageRecord>
{
    public void Configure(EntityTypeBuilder<MessageRecord> builder)
    {
        builder.ToTable("Messages");
        builder.Property(m => m.Sid).HasMaxLength(34);
        builder.HasIndex(m => m.Sid).IsUnique();
        builder.Property(m => m.Mode).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.To).HasMaxLength(32);
        builder.Property(m => m.Sender).HasMaxLength(34);
        builder.Property(m => m.Body).HasMaxLength(1600);
        builder.Property(m => m.Status).HasMaxLength(16);
        builder.Property(m => m.ErrorMessage).HasMaxLength(512);
        builder.Property(m => m.PriceUnit).HasMaxLength(8);
        builder.Property(m => m.SentBy).HasMaxLength(256);
        builder.Property(m => m.Source).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(m => m.CreatedAt);
    }
}

internal sealed class MessageStatusEventConfiguration : IEntityTypeConfiguration<MessageStatusEvent>
{
    public void Configure(EntityTypeBuilder<MessageStatusEvent> builder)
    {
        builder.ToTable("MessageStatusEvents");
        builder.Property(e => e.MessageSid).HasMaxLength(34);
        builder.Property(e => e.Status).HasMaxLength(16);
        builder.HasIndex(e => new { e.MessageSid, e.Status }).IsUnique();
    }
}
