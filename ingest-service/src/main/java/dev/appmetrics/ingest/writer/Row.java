package dev.appmetrics.ingest.writer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** A consumed record whose value is a row of its topic's table, in a known format, without its Kafka position. */
record Row(ConsumerRecord<String, byte[]> record, RowFormat format) {

  byte[] value() {
    return record.value();
  }

  TopicPartition partition() {
    return new TopicPartition(record.topic(), record.partition());
  }

  String topic() {
    return record.topic();
  }

  /** Whether two records are of one partition, without building its TopicPartition. */
  static boolean samePartition(ConsumerRecord<?, ?> a, ConsumerRecord<?, ?> b) {
    return a.partition() == b.partition() && a.topic().equals(b.topic());
  }
}
