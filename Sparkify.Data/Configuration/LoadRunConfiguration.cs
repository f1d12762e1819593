using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sparkify.Data.Redshift;

namespace Sparkify.Data.Configuration;

internal sealed class LoadRunConfiguration : IEntityTypeConfiguration<LoadRun>
{
    public void Configure(EntityTypeBuilder<LoadRun> builder)
    {
        builder.ToTable("load_runs");
        builder.HasKey(r => r.RunId);
        builder.Property(r => r.RunId).ValueGeneratedOnAdd();
        builder.Property(r => r.StartedAt).HasColumnType(ColumnTypes.UtcTimestamp);
        builder.Property(r => r.FinishedAt).HasColumnType(ColumnTypes.UtcTimestamp);
        builder.Property(r => r.Source).HasColumnType("varchar(2048)");
        builder.Property(r => r.Outcome).HasColumnType(ColumnTypes.Flag);
        builder.Property(r => r.Message).HasColumnType("varchar(4096)");
        // A few rows a day, read by people: one copy per node costs nothing.
        builder.HasRedshiftDistributionStyle(RedshiftDistributionStyle.All).HasRedshiftSortKey(r => r.StartedAt);
    }
}
