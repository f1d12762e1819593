using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sparkify.Data.Redshift;
using Sparkify.Data.Schema;

namespace Sparkify.Data.Configuration;

internal sealed class StagingEventConfiguration : IEntityTypeConfiguration<StagingEvent>
{
    public void Configure(EntityTypeBuilder<StagingEvent> builder)
    {
        // A raw landing table: no key, every column nullable; each row carries the run that staged it.
        builder.ToTable("staging_events").HasNoKey();
        // The event logs are NDJSON with camelCase keys; the keys the transforms match plays, users and songs on
        // are required (every record of the real data has them).
        builder.IsStagedFromJson(JsonLayout.OneObjectPerLine);
        // Co-located with staging_songs on the artist name: the songplays match joins on it.
        builder.HasRedshiftDistributionKey(e => e.Artist);
        builder.Property(e => e.Artist).HasColumnType(ColumnTypes.FreeText).IsRequiredInInput();
        builder.Property(e => e.Auth).HasColumnType(ColumnTypes.Code);
        builder.Property(e => e.FirstName).HasColumnType(ColumnTypes.Name).HasJsonKey("firstName");
        builder.Property(e => e.Gender).HasColumnType(ColumnTypes.Flag);
        builder.Property(e => e.ItemInSession).HasJsonKey("itemInSession").IsRequiredInInput();
        builder.Property(e => e.LastName).HasColumnType(ColumnTypes.Name).HasJsonKey("lastName");
        builder.Property(e => e.Length).IsRequiredInInput();
        // Compared exactly: "Paid" is bad input rather than folded into "paid", since the app has only ever logged lower case and a
        // change upstream should be seen, not silently absorbed.
        builder.Property(e => e.Level).HasColumnType(ColumnTypes.Flag).IsRequiredInInput().HasAcceptedValuesInInput(Levels.Accepted);
        builder.Property(e => e.Location).HasColumnType(ColumnTypes.FreeText);
        builder.Property(e => e.Method).HasColumnType(ColumnTypes.Flag);
        builder.Property(e => e.Page).HasColumnType(ColumnTypes.Code).IsRequiredInInput();
        builder.Property(e => e.SessionId).HasJsonKey("sessionId").IsRequiredInInput();
        builder.Property(e => e.Song).HasColumnType(ColumnTypes.FreeText).IsRequiredInInput();
        builder.Property(e => e.Ts).IsRequiredInInput().IsEventTime();
        builder.Property(e => e.UserAgent).HasColumnType(ColumnTypes.FreeText).HasJsonKey("userAgent");
        // Empty for a visitor who is not logged in; the transforms cast it to users' integer key.
        builder.Property(e => e.UserId).HasColumnType(ColumnTypes.Code).HasJsonKey("userId").IsRequiredInInput().IsWholeNumberText();
        // A NextSong event is a play: users and songplays are built from it, so it must carry every value they are built from
        // (a null session or time would fail the fact's key, a null item make an arbitrary play the user's latest).
        builder.RequiresValuesWhere(e => e.Page, "NextSong",
            e => e.Artist, e => e.ItemInSession, e => e.Length, e => e.Level, e => e.SessionId, e => e.Song, e => e.Ts, e => e.UserId);
        // A run transforms only the rows it staged, and a changed file's rows are replaced, by (run_id, file_number): a b-tree
        // finds exactly their pages. Rows are not appended in run order: once VACUUM has recorded the free space left at the end
        // of the history's pages, COPY fills it, and a BRIN index on run_id then matched every page range (after autovacuum, a
        // day's transform on the 1M-event set read the whole table four times: 0.9 s, against 0.3 s with this b-tree).
        builder.HasIndex(e => new { e.RunId, e.FileNumber });
        // The plays of a replaced day are matched again among every other day's events by time: a BRIN index, a few pages and next
        // to nothing to keep up during COPY. A later day's rows put into an earlier day's pages widen that page range to every day
        // between, so it narrows the search less as the history ages; its multi-minmax form keeps them apart but took 0.8 s to
        // summarise a million events (plain: 0.15 s), and this search runs only when a file changes.
        builder.HasIndex(e => e.Ts).IsBlockRangeIndex();
    }
}
