using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sparkify.Data.Redshift;
using Sparkify.Data.Schema;

namespace Sparkify.Data.Configuration;

internal sealed class UserLevelConfiguration : IEntityTypeConfiguration<UserLevel>
{
    public void Configure(EntityTypeBuilder<UserLevel> builder)
    {
        builder.ToTable("user_levels");
        builder.IsCheckedByLoader();
        // A user's periods start at distinct times: plays of one user at one instant count as one, the latest of them.
        builder.HasKey(l => new { l.UserId, l.ValidFrom });
        // Distributed on the user: a run rebuilds and closes periods user by user (windows partitioned by user_id), and
        // conversion questions follow one user's periods, so each user's history stays on one slice. Sorted by when a
        // period starts, the column upgrades and downgrades per day are read by.
        builder.HasRedshiftDistributionKey(l => l.UserId).HasRedshiftSortKey(l => l.ValidFrom);
        builder.Property(l => l.UserId).ValueGeneratedNever();
        builder.Property(l => l.Level).HasColumnType(ColumnTypes.Flag).HasAcceptedValues(Levels.Accepted);
        builder.Property(l => l.ValidFrom).HasColumnType(ColumnTypes.UtcTimestamp);
        builder.Property(l => l.ValidTo).HasColumnType(ColumnTypes.UtcTimestamp);
        builder.HasOne(l => l.User).WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Restrict).IsCheckedByLoader();
        // A run's data checks read only the rows it wrote: a b-tree finds them wherever the inserts put them (see staging_events).
        builder.HasIndex(l => l.RunId);
    }
}
