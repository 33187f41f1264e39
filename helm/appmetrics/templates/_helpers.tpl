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

