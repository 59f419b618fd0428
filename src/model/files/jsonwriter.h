#pragma once

// JsonWriter: JSON and CSV text written straight to a device through a 1 MiB buffer, for
// exports of millions of events (a QJsonDocument of them would take gigabytes).

#include <QIODevice>

#include <charconv>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

class JsonWriter {
public:
    explicit JsonWriter(QIODevice& device) : m_device(device) { m_buffer.reserve(kFlushAt + 4096); }
    ~JsonWriter() = default; // flush() explicitly: a failed write must be reported, not swallowed
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    void raw(std::string_view text)
    {
        m_buffer.append(text);
        if (m_buffer.size() >= kFlushAt)
            flush();
    }
    // A JSON string literal: quotes, backslashes and control characters escaped; UTF-8 kept.
    void string(std::string_view text)
    {
        m_buffer.push_back('"');
        for (const char c : text) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                m_buffer.push_back('\\');
                m_buffer.push_back(c);
            } else if (u < 0x20) {
                static const char hex[] = "0123456789abcdef";
                m_buffer.append("\\u00");
                m_buffer.push_back(hex[u >> 4]);
                m_buffer.push_back(hex[u & 15]);
            } else {
                m_buffer.push_back(c);
            }
        }
        m_buffer.push_back('"');
        if (m_buffer.size() >= kFlushAt)
            flush();
    }
    void number(std::int64_t value)
    {
        char text[24];
        const auto end = std::to_chars(text, text + sizeof text, value).ptr;
        raw(std::string_view(text, static_cast<std::size_t>(end - text)));
    }
    // Nanoseconds as microseconds with three decimals: the trace format's unit, ns kept exact.
    void micros(std::int64_t ns)
    {
        if (ns < 0) {
            raw("-");
            ns = -ns;
        }
        number(ns / 1000);
        char frac[5] = {'.', char('0' + ns % 1000 / 100), char('0' + ns % 100 / 10), char('0' + ns % 10), 0};
        raw(std::string_view(frac, 4));
    }
    // Throws std::runtime_error when the device refuses the bytes (disk full, …).
    void flush()
    {
        if (!m_buffer.empty() && m_device.write(m_buffer.data(), static_cast<qint64>(m_buffer.size())) !=
                                     static_cast<qint64>(m_buffer.size()))
            throw std::runtime_error(m_device.errorString().toStdString());
        m_buffer.clear();
    }

private:
    static constexpr std::size_t kFlushAt = 1 << 20;
    QIODevice& m_device;
    std::string m_buffer;
};
