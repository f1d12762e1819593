using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sparkify.Data.Redshift;

namespace Sparkify.Data.Configuration;

internal sealed class LoadedFileConfiguration : IEntityTypeConfiguration<LoadedFile>
{
    public void Configure(EntityTypeBuilder<LoadedFile> builder)
    {
        builder.ToTable("loaded_files");
        builder.HasKey(f => f.Path);
        builder.Property(f => f.Path).HasColumnType("varchar(2048)");
        builder.Property(f => f.TableName).HasColumnType(ColumnTypes.Code);
        builder.Property(f => f.ModifiedAt).HasColumnType(ColumnTypes.UtcTimestamp);
        builder.Property(f => f.Checksum).HasColumnType("varchar(64)");
        builder.Property(f => f.ContentHash).HasColumnType("varchar(32)");
        builder.HasOne(f => f.Run).WithMany().HasForeignKey(f => f.RunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasRedshiftDistributionStyle(RedshiftDistributionStyle.All).HasRedshiftSortKey(f => f.Path);
    }
}
