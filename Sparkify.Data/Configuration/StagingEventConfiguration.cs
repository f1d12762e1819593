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
        builder.Property(e => e.Level).HasColumnType(ColumnTypes.Flag).IsRequiredInInput();
        builder.Property(e => e.Location).HasColumnType(ColumnTypes.FreeText);
        builder.Property(e => e.Method).HasColumnType(ColumnTypes.Flag);
        builder.Property(e => e.Page).HasColumnType(ColumnTypes.Code).IsRequiredInInput();
        builder.Property(e => e.SessionId).HasJsonKey("sessionId").IsRequiredInInput();
        builder.Property(e => e.Song).HasColumnType(ColumnTypes.FreeText).IsRequiredInInput();
        builder.Property(e => e.Ts).IsRequiredInInput().IsEventTime();
        builder.Property(e => e.UserAgent).HasColumnType(ColumnTypes.FreeText).HasJsonKey("userAgent");
        builder.Property(e => e.UserId).HasColumnType(ColumnTypes.Code).HasJsonKey("userId").IsRequiredInInput();
        // A run transforms only the rows it staged; they are appended in run order, so a BRIN index
        // (a few pages, next to nothing to keep up during COPY) skips every earlier run's rows.
        builder.HasIndex(e => e.RunId).HasMethod("brin");
    }
}
