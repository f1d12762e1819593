using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sparkify.Data.Redshift;

namespace Sparkify.Data.Configuration;

internal sealed class LoadErrorConfiguration : IEntityTypeConfiguration<LoadError>
{
    public void Configure(EntityTypeBuilder<LoadError> builder)
    {
        builder.ToTable("load_errors");
        builder.HasKey(e => e.LoadErrorId);
        builder.Property(e => e.LoadErrorId).ValueGeneratedOnAdd();
        builder.Property(e => e.File).HasColumnType("varchar(2048)");
        builder.Property(e => e.Reason).HasColumnType("varchar(1024)");
        // Bytes on Redshift: room for 1,000 characters of any script.
        builder.Property(e => e.RawText).HasColumnType("varchar(4000)");
        builder.HasOne(e => e.Run).WithMany().HasForeignKey(e => e.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasRedshiftDistributionStyle(RedshiftDistributionStyle.All).HasRedshiftSortKey(e => e.RunId);
    }
}
