using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TwilioConsole.Core.Data.Entities;

namespace TwilioConsole.Core.Data.Configurations;

internal sealed class BoardEventConfiguration : IEntityTypeConfiguration<BoardEvent>
{
    public void Configure(EntityTypeBuilder<BoardEvent> builder)
    {
        builder.ToTable("BoardEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.EventKey).HasMaxLength(96);
        builder.HasIndex(e => e.EventKey).IsUnique();
        builder.Property(e => e.EventType).HasMaxLength(64);
        builder.Property(e => e.TaskSid).HasMaxLength(34);
        builder.Property(e => e.QueueSid).HasMaxLength(34);
        builder.Property(e => e.QueueName).HasMaxLength(128);
        builder.Property(e => e.WorkerSid).HasMaxLength(34);
        builder.Property(e => e.WorkerName).HasMaxLength(128);
        builder.Property(e => e.Channel).HasMaxLength(64);
        builder.Property(e => e.Activity).HasMaxLength(64);
        builder.Property(e => e.Mode).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(e => e.OccurredAt);
    }
}
