using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sparkify.Data.Redshift;
using Sparkify.Data.Schema;

namespace Sparkify.Data.Configuration;

internal sealed class SongPlayConfiguration : IEntityTypeConfiguration<SongPlay>
{
    public void Configure(EntityTypeBuilder<SongPlay> builder)
    {
        builder.ToTable("songplays");
        builder.IsCheckedByLoader();
        builder.HasKey(p => p.SongplayId);
        // Spread by start time (high cardinality, so even) and co-located with the time dimension;
        // sorted by it, so that queries over a period read only that period's blocks.
        builder.HasRedshiftDistributionKey(p => p.StartTime).HasRedshiftSortKey(p => p.StartTime);
        builder.Property(p => p.SongplayId).ValueGeneratedOnAdd();
        builder.Property(p => p.StartTime).HasColumnType(ColumnTypes.UtcTimestamp);
        builder.Property(p => p.Level).HasColumnType(ColumnTypes.Flag).HasAcceptedValues(Levels.Accepted);
        builder.Property(p => p.SongId).HasColumnType(ColumnTypes.Code);
        builder.Property(p => p.ArtistId).HasColumnType(ColumnTypes.Code);
        builder.Property(p => p.Location).HasColumnType(ColumnTypes.FreeText);
        builder.Property(p => p.UserAgent).HasColumnType(ColumnTypes.FreeText);

        // An event is known by its start time, user and session: one play per event, however often it is
        // delivered. On PostgreSQL this unique index also finds the plays a run must not insert again, and
        // serves queries over a period (start_time leads).
        builder.HasIndex(p => new { p.StartTime, p.UserId, p.SessionId }).IsUnique();
        // A run's data checks read only the rows it wrote: a b-tree finds them wherever the inserts put them (see staging_events).
        builder.HasIndex(p => p.RunId);

        builder.HasOne(p => p.Time).WithMany().HasForeignKey(p => p.StartTime).OnDelete(DeleteBehavior.Restrict).IsCheckedByLoader();
        builder.HasOne(p => p.User).WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict).IsCheckedByLoader();
        builder.HasOne(p => p.Song).WithMany().HasForeignKey(p => p.SongId).OnDelete(DeleteBehavior.Restrict).IsCheckedByLoader();
        builder.HasOne(p => p.Artist).WithMany().HasForeignKey(p => p.ArtistId).OnDelete(DeleteBehavior.Restrict).IsCheckedByLoader();
    }
}
