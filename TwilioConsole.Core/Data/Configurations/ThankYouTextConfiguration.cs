using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TwilioConsole.Core.Data.Entities;

namespace TwilioConsole.Core.Data.Configurations;

internal sealed class ThankYouTextConfiguration : IEntityTypeConfiguration<ThankYouText>
{
    public void Configure(EntityTypeBuilder<ThankYouText> builder)
    {
        builder.ToTable("ThankYouTexts");
        builder.Property(t => t.TaskSid).HasMaxLength(34);
        builder.Property(t => t.Mode).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(t => t.TaskSid).IsUnique(); // one text per task, whatever arrives twice
        builder.Property(t => t.EventType).HasMaxLength(32);
        builder.Property(t => t.CustomerNumber).HasMaxLength(64);
        builder.Property(t => t.CustomerName).HasMaxLength(128);
        builder.Property(t => t.QueueName).HasMaxLength(128);
        builder.Property(t => t.AgentName).HasMaxLength(128);
        builder.Property(t => t.Body).HasMaxLength(1600);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.SkipReason).HasMaxLength(256);
        builder.Property(t => t.LastError).HasMaxLength(512);
        builder.Property(t => t.MessageSid).HasMaxLength(34);
        builder.HasIndex(t => new { t.Status, t.NextAttemptAt });
        builder.HasIndex(t => t.CreatedAt);
    }
}
