{{/* Name prefix of every object: the release name, plus the chart name unless the release already contains it. */}}
{{- define "appmetrics.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "appmetrics.commonLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: appmetrics
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Labels of an object shared by every service. */}}
{{- define "appmetrics.labels" -}}
{{ include "appmetrics.commonLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of one service's objects; takes (dict "root" $ "name" $name). */}}
{{- define "appmetrics.componentLabels" -}}
{{ include "appmetrics.commonLabels" .root }}
{{ include "appmetrics.selectorLabels" . }}
{{- end -}}

{{/* Selector labels of one service's pods; takes (dict "root" $ "name" $name). */}}
{{- define "appmetrics.selectorLabels" -}}
app.kubernetes.io/name: {{ .name | kebabcase }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* Name of the Secret holding tokens and passwords. */}}
{{- define "appmetrics.secretName" -}}
{{- default (printf "%s-secrets" (include "appmetrics.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* Kafka's security.protocol from kafka.tls and kafka.sasl; empty for plaintext (the clients' default). */}}
{{- define "appmetrics.kafkaSecurityProtocol" -}}
{{- if and .Values.kafka.sasl.enabled .Values.kafka.tls.enabled -}}
SASL_SSL
{{- else if .Values.kafka.sasl.enabled -}}
SASL_PLAINTEXT
{{- else if .Values.kafka.tls.enabled -}}
SSL
{{- end -}}
{{- end -}}

{{/* Whether the pods mount the brokers' CA certificate (kafka.tls.caSecret). */}}
{{- define "appmetrics.kafkaCaMounted" -}}
{{- if and .Values.kafka.tls.enabled .Values.kafka.tls.caSecret -}}true{{- end -}}
{{- end -}}

{{/* Directory the brokers' CA certificate is mounted in. */}}
{{- define "appmetrics.kafkaCaDirectory" -}}
/etc/appmetrics/kafka-ca
{{- end -}}

{{/* Kafka user of one service, checked to be safe inside the JAAS configuration; takes (dict "root" $ "name" $name). */}}
{{- define "appmetrics.kafkaUser" -}}
{{- $user := required (printf "kafka.sasl.users.%s is required with kafka.sasl.enabled" .name) (index .root.Values.kafka.sasl.users .name) -}}
{{- if not (regexMatch "^[A-Za-z0-9._-]+$" $user) -}}
{{- fail (printf "kafka.sasl.users.%s: %q may hold only letters, digits, '.', '_' and '-'" .name $user) -}}
{{- end -}}
{{- $user -}}
{{- end -}}

{{/*
The JAAS configuration of one service's Kafka clients; takes (dict "root" $ "name" $name). The password is the
environment variable APPMETRICS_KAFKA_PASSWORD, which Kubernetes expands ($(VAR)) because the Deployment defines it
before KAFKA_SASL_JAAS_CONFIG.
*/}}
{{- define "appmetrics.kafkaJaasConfig" -}}
{{- $sasl := .root.Values.kafka.sasl -}}
{{- $module := "" -}}
{{- if has $sasl.mechanism (list "SCRAM-SHA-256" "SCRAM-SHA-512") -}}
{{- $module = "org.apache.kafka.common.security.scram.ScramLoginModule" -}}
{{- else if eq $sasl.mechanism "PLAIN" -}}
{{- if not .root.Values.kafka.tls.enabled -}}
{{- fail "kafka.sasl.mechanism PLAIN sends the password itself: it needs kafka.tls.enabled" -}}
{{- end -}}
{{- $module = "org.apache.kafka.common.security.plain.PlainLoginModule" -}}
{{- else -}}
{{- fail (printf "kafka.sasl.mechanism %q: use SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN" $sasl.mechanism) -}}
{{- end -}}
{{- printf "%s required username=\"%s\" password=\"$(APPMETRICS_KAFKA_PASSWORD)\";" $module (include "appmetrics.kafkaUser" .) -}}
{{- end -}}
