using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sparkify.Data.Entities;
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
    }
}
