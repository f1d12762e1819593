using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sparkify.Data.Entities;

namespace Sparkify.Data.Configuration;

internal sealed class StartTimeConfiguration : IEntityTypeConfiguration<StartTime>
{
    public void Configure(EntityTypeBuilder<StartTime> builder)
    {
        builder.ToTable("time");
        builder.HasKey(t => t.Value);
        builder.Property(t => t.Value).HasColumnName("start_time").HasColumnType(ColumnTypes.UtcTimestamp);
    }
}
