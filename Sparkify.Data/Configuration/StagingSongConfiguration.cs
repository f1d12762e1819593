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
        // A run transforms only the rows it staged, and a changed file's rows are replaced, by (run_id, file_number): a b-tree finds
        // exactly their pages, wherever COPY put them (see staging_events).
        builder.HasIndex(s => new { s.RunId, s.FileNumber });
    }
}
