using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sparkify.Data.Redshift;
using Sparkify.Data.Schema;

namespace Sparkify.Data.Configuration;

internal sealed class StartTimeConfiguration : IEntityTypeConfiguration<StartTime>
{
    public void Configure(EntityTypeBuilder<StartTime> builder)
    {
        builder.ToTable("time");
        builder.IsCheckedByLoader();
        builder.HasKey(t => t.Value);
        // As many rows as songplays: distributed like it, on the join key, rather than copied to every node.
        builder.HasRedshiftDistributionKey(t => t.Value).HasRedshiftSortKey(t => t.Value);
        builder.Property(t => t.Value).HasColumnName("start_time").HasColumnType(ColumnTypes.UtcTimestamp);
        builder.Property(t => t.Hour).HasAcceptedRange(0, 23);
        builder.Property(t => t.Day).HasAcceptedRange(1, 31);
        builder.Property(t => t.Week).HasAcceptedRange(1, 53); // ISO 8601
        builder.Property(t => t.Month).HasAcceptedRange(1, 12);
        builder.Property(t => t.Weekday).HasAcceptedRange(0, 6); // 0 = Sunday
        // A run's data checks read only the rows it wrote: a b-tree finds them wherever the inserts put them (see staging_events).
        builder.HasIndex(t => t.RunId);
    }
}
