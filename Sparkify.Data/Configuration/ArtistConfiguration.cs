using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sparkify.Data.Entities;

namespace Sparkify.Data.Configuration;

internal sealed class ArtistConfiguration : IEntityTypeConfiguration<Artist>
{
    public void Configure(EntityTypeBuilder<Artist> builder)
    {
        builder.ToTable("artists");
        builder.HasKey(a => a.ArtistId);
        builder.Property(a => a.ArtistId).HasColumnType(ColumnTypes.Code);
        builder.Property(a => a.Name).HasColumnType(ColumnTypes.FreeText);
        builder.Property(a => a.Location).HasColumnType(ColumnTypes.FreeText);
    }
}
