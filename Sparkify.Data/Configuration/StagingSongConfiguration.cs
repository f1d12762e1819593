using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sparkify.Data.Redshift;

namespace Sparkify.Data.Configuration;

internal sealed class StagingSongConfiguration : IEntityTypeConfiguration<StagingSong>
{
    public void Configure(EntityTypeBuilder<StagingSong> builder)
    {
        builder.ToTable("staging_songs").HasNoKey();
        builder.HasRedshiftDistributionKey(s => s.ArtistName);
        builder.Property(s => s.ArtistId).HasColumnType(ColumnTypes.Code);
        builder.Property(s => s.ArtistLocation).HasColumnType(ColumnTypes.FreeText);
        builder.Property(s => s.ArtistName).HasColumnType(ColumnTypes.FreeText);
        builder.Property(s => s.SongId).HasColumnType(ColumnTypes.Code);
        builder.Property(s => s.Title).HasColumnType(ColumnTypes.FreeText);
        // A run transforms only the rows it staged; they are appended in run order, so a BRIN index
        // (a few pages, next to nothing to keep up during COPY) skips every earlier run's rows.
        builder.HasIndex(s => s.RunId).HasMethod("brin");
    }
}
