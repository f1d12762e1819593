using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sparkify.Data.Redshift;
using Sparkify.Data.Schema;

namespace Sparkify.Data.Configuration;

internal sealed class StagingSongConfiguration : IEntityTypeConfiguration<StagingSong>
{
    public void Configure(EntityTypeBuilder<StagingSong> builder)
    {
        builder.ToTable("staging_songs").HasNoKey();
        // Song files hold objects keyed as the columns are named (Redshift's COPY … JSON 'auto' relies on it). Some
        // titles, artist names and locations in the real data are bare numbers, kept as their literal text.
        builder.IsStagedFromJson(JsonLayout.Objects);
        builder.HasRedshiftDistributionKey(s => s.ArtistName);
        builder.Property(s => s.ArtistId).HasColumnType(ColumnTypes.Code).IsRequiredInInput().IsIdentifier();
        builder.Property(s => s.ArtistLocation).HasColumnType(ColumnTypes.FreeText).AcceptsNumbersAsText();
        builder.Property(s => s.ArtistName).HasColumnType(ColumnTypes.FreeText).IsRequiredInInput().AcceptsNumbersAsText();
        builder.Property(s => s.SongId).HasColumnType(ColumnTypes.Code).IsRequiredInInput().IsIdentifier();
        builder.Property(s => s.Title).HasColumnType(ColumnTypes.FreeText).IsRequiredInInput().AcceptsNumbersAsText();
        builder.Property(s => s.Duration).IsRequiredInInput();
        // A run transforms only the rows it staged; they are appended in run order and files in the order of their numbers, so a
        // BRIN index (a few pages, next to nothing to keep up during COPY) skips every earlier run's rows, and every other file's
        // when a changed file's rows are replaced.
        builder.HasIndex(s => new { s.RunId, s.FileNumber }).IsBlockRangeIndex();
    }
}
