using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sparkify.Data.Redshift;
using Sparkify.Data.Schema;

namespace Sparkify.Data.Configuration;

internal sealed class ArtistConfiguration : IEntityTypeConfiguration<Artist>
{
    public void Configure(EntityTypeBuilder<Artist> builder)
    {
        builder.ToTable("artists");
        builder.IsCheckedByLoader();
        builder.HasKey(a => a.ArtistId);
        // A small dimension that every analytic query joins: a full copy on each node makes the join local.
        builder.HasRedshiftDistributionStyle(RedshiftDistributionStyle.All).HasRedshiftSortKey(a => a.ArtistId);
        builder.Property(a => a.ArtistId).HasColumnType(ColumnTypes.Code);
        builder.Property(a => a.Name).HasColumnType(ColumnTypes.FreeText);
        builder.Property(a => a.Location).HasColumnType(ColumnTypes.FreeText);
    }
}
