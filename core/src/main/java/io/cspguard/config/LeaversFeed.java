package io.cspguard.config;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The HR leavers feed: CSV with a header row {@code userPrincipalName,leftOn} (an ISO date or instant). */
final class LeaversFeed {
    private LeaversFeed() {
    }

    static List<Leaver> read(Path csv, String key, int keyLine, Path configFile) throws ConfigException {
        if (!Files.isRegularFile(csv)) {
            throw new ConfigException(configFile + ": line " + keyLine + ": '" + key + "' names " + csv
                    + ", which does not exist");
        }
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS);
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Leaver> leavers = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             MappingIterator<Map<String, String>> rows = mapper.readerFor(Map.class).with(schema).readValues(reader)) {
            var header = ((CsvParser) rows.getParser()).getSchema();
            if (header.column("userPrincipalName") == null || header.column("leftOn") == null) {
                throw new ConfigException(csv + ": line 1: the header must name the columns userPrincipalName,leftOn");
            }
            while (rows.hasNextValue()) {
                int line = rows.getCurrentLocation().getLineNr();
                Map<String, String> row = rows.nextValue();
                String upn = trim(row.get("userPrincipalName"));
                String leftOn = trim(row.get("leftOn"));
                if (upn == null && leftOn == null) {
                    continue;
                }
                if (upn == null) {
                    throw new ConfigException(csv + ": line " + line + ": userPrincipalName is empty");
                }
                leavers.add(new Leaver(upn, parseLeftOn(leftOn, csv, line), line));
            }
        } catch (IOException | RuntimeJsonMappingException e) {
            throw new ConfigException(csv + ": not a valid CSV leavers feed: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return leavers;
    }

    private static Instant parseLeftOn(String value, Path csv, int line) throws ConfigException {
        if (value == null) {
            throw new ConfigException(csv + ": line " + line + ": leftOn is empty (an ISO date or instant)");
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ConfigException(csv + ": line " + line + ": leftOn '" + value
                    + "' is neither an ISO date (2026-11-01) nor an instant (2026-11-01T17:00:00Z)");
        }
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
