using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sparkify.Data.Redshift;
using Sparkify.Data.Schema;

namespace Sparkify.Data.Configuration;

internal sealed class SongConfiguration : IEntityTypeConfiguration<Song>
{
    public void Configure(EntityTypeBuilder<Song> builder)
    {
        builder.ToTable("songs");
        builder.IsCheckedByLoader();
        builder.HasKey(s => s.SongId);
        // A small dimension that every analytic query joins: a full copy on each node makes the join local.
        builder.HasRedshiftDistributionStyle(RedshiftDistributionStyle.All).HasRedshiftSortKey(s => s.SongId);
        builder.Property(s => s.SongId).HasColumnType(ColumnTypes.Code);
        builder.Property(s => s.Title).HasColumnType(ColumnTypes.FreeText);
        builder.Property(s => s.ArtistId).HasColumnType(ColumnTypes.Code);
        builder.HasOne(s => s.Artist).WithMany().HasForeignKey(s => s.ArtistId).OnDelete(DeleteBehavior.Restrict).IsCheckedByLoader();
    }
}
